import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the enterprise ledger, coverage and officers; clients switch on them. */
export const LedgerErrorCode = {
  NOT_COMMITTEE: 'LEDGER_NOT_COMMITTEE',
  CREDIT_CODE_TAKEN: 'LEDGER_CREDIT_CODE_TAKEN',
  IMPORT_INVALID: 'LEDGER_IMPORT_INVALID',
  IMPORT_FILE_INVALID: 'LEDGER_IMPORT_FILE_INVALID',
  IMPORT_EMPTY: 'LEDGER_IMPORT_EMPTY',
  IMPORT_TOO_MANY_ROWS: 'LEDGER_IMPORT_TOO_MANY_ROWS',
  OFFICER_UNKNOWN: 'LEDGER_OFFICER_UNKNOWN',
  OFFICER_ALREADY: 'LEDGER_OFFICER_ALREADY',
  TERM_INVALID: 'LEDGER_TERM_INVALID',
  VISIT_NOT_OFFICER: 'LEDGER_VISIT_NOT_OFFICER',
  VISIT_IN_FUTURE: 'LEDGER_VISIT_IN_FUTURE',
} as const;
export type LedgerErrorCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

export function ledgerErrorStatus(code: LedgerErrorCode): HttpStatus {
  switch (code) {
    case LedgerErrorCode.NOT_COMMITTEE:
    case LedgerErrorCode.IMPORT_INVALID:
    case LedgerErrorCode.IMPORT_FILE_INVALID:
    case LedgerErrorCode.IMPORT_EMPTY:
    case LedgerErrorCode.IMPORT_TOO_MANY_ROWS:
    case LedgerErrorCode.TERM_INVALID:
    case LedgerErrorCode.VISIT_IN_FUTURE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case LedgerErrorCode.CREDIT_CODE_TAKEN:
    case LedgerErrorCode.OFFICER_ALREADY:
      return HttpStatus.CONFLICT;
    case LedgerErrorCode.OFFICER_UNKNOWN:
      return HttpStatus.NOT_FOUND;
    case LedgerErrorCode.VISIT_NOT_OFFICER:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(ledgerErrorStatus);

export const LedgerErrors = {
  notCommittee: () => err(LedgerErrorCode.NOT_COMMITTEE, '企业台账由党委建立：请选择一个党委'),
  creditCodeTaken: (inOtherArea: boolean) =>
    err(LedgerErrorCode.CREDIT_CODE_TAKEN, inOtherArea ? '该统一社会信用代码的企业已在其他党委的台账中' : '该统一社会信用代码已登记在本台账中'),
  fileInvalid: (message: string) => err(LedgerErrorCode.IMPORT_FILE_INVALID, message),
  empty: () => err(LedgerErrorCode.IMPORT_EMPTY, '文件中没有企业数据：请在模板的第 2 行起填写'),
  tooManyRows: (max: number) => err(LedgerErrorCode.IMPORT_TOO_MANY_ROWS, `一次最多导入 ${max} 家企业，请分批导入`),
  officerUnknown: () => err(LedgerErrorCode.OFFICER_UNKNOWN, '该账号不存在或已停用'),
  officerAlready: () => err(LedgerErrorCode.OFFICER_ALREADY, '此人已在该企业担任该职务，请先结束原任期'),
  termInvalid: () => err(LedgerErrorCode.TERM_INVALID, '任期结束日期不能早于开始日期，且不能改动已结束的任期'),
  visitNotOfficer: () => err(LedgerErrorCode.VISIT_NOT_OFFICER, '只有走访当日在任的党建指导员、驻企联络员或党委工作人员可以登记走访'),
  visitInFuture: () => err(LedgerErrorCode.VISIT_IN_FUTURE, '走访日期不能晚于今天'),
};
