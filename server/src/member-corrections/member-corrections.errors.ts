import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, CORRECTION_STATE_LABEL, type CorrectionMachineState } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of 档案更正; clients switch on them. */
export const CorrectionErrorCode = {
  NOT_LINKED: 'CORRECTION_NOT_LINKED',
  OPEN_EXISTS: 'CORRECTION_OPEN_EXISTS',
  NOTHING_CHANGED: 'CORRECTION_NOTHING_CHANGED',
  STEP_OUT_OF_ORDER: 'CORRECTION_STEP_OUT_OF_ORDER',
  NOT_YOURS: 'CORRECTION_NOT_YOURS',
} as const;
export type CorrectionErrorCode = (typeof CorrectionErrorCode)[keyof typeof CorrectionErrorCode];

export function correctionErrorStatus(code: CorrectionErrorCode): HttpStatus {
  switch (code) {
    case CorrectionErrorCode.NOT_LINKED:
      return HttpStatus.NOT_FOUND;
    case CorrectionErrorCode.OPEN_EXISTS:
    case CorrectionErrorCode.STEP_OUT_OF_ORDER:
      return HttpStatus.CONFLICT;
    case CorrectionErrorCode.NOTHING_CHANGED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CorrectionErrorCode.NOT_YOURS:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(correctionErrorStatus);

export const CorrectionErrors = {
  notLinked: () => err(CorrectionErrorCode.NOT_LINKED, '当前账号未关联党员档案，无法申请更正'),
  openExists: () => err(CorrectionErrorCode.OPEN_EXISTS, '您已有一份更正申请正在审核，请等待处理或先撤回'),
  nothingChanged: () => err(CorrectionErrorCode.NOTHING_CHANGED, '填写的内容与档案现有信息相同，无需更正'),
  outOfOrder: (state: CorrectionMachineState) => err(CorrectionErrorCode.STEP_OUT_OF_ORDER, `该申请${CORRECTION_STATE_LABEL[state]}，不能再办理`),
  notYours: () => err(CorrectionErrorCode.NOT_YOURS, '只有申请人本人可以撤回'),
};
