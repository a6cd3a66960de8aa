import { HttpStatus } from '@nestjs/common';
import { formatMonthCn, formatYuan, TransferErrorCode, TRANSFER_STATE_LABEL, type TransferFees, type TransferState, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** One exhaustive mapping of the transfer codes (shared/src/transfers.ts) to HTTP statuses. */
export function transferErrorStatus(code: TransferErrorCode): HttpStatus {
  switch (code) {
    case TransferErrorCode.NOT_LINKED:
      return HttpStatus.NOT_FOUND;
    case TransferErrorCode.NOT_YOUR_STEP:
      return HttpStatus.FORBIDDEN;
    case TransferErrorCode.STEP_OUT_OF_ORDER:
    case TransferErrorCode.ALREADY_OPEN:
      return HttpStatus.CONFLICT;
    case TransferErrorCode.FONT_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case TransferErrorCode.REASON_REQUIRED:
    case TransferErrorCode.FEES_UNPAID:
    case TransferErrorCode.SAME_ORGANISATION:
    case TransferErrorCode.ASSIGN_ORG_INVALID:
    case TransferErrorCode.NO_COMMITTEE:
    case TransferErrorCode.EDITS_NOT_ALLOWED:
    case TransferErrorCode.LETTER_NOT_ISSUED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

export const transferError = errorTable(transferErrorStatus);

export const notLinked = () => transferError(TransferErrorCode.NOT_LINKED, '当前账号未关联党员档案');
export const stepOutOfOrder = (state: TransferState, allowed: string[]) =>
  transferError(TransferErrorCode.STEP_OUT_OF_ORDER, `该转接当前为“${TRANSFER_STATE_LABEL[state]}”，不能进行此操作`, { state, allowed });
export const notYourStep = () => transferError(TransferErrorCode.NOT_YOUR_STEP, '这一步不由您办理（转出方与接收方不能互相代办）');
export const reasonRequired = () => transferError(TransferErrorCode.REASON_REQUIRED, '拒绝或退回须说明理由（至少 2 个字）');
export const alreadyOpen = () => transferError(TransferErrorCode.ALREADY_OPEN, '该党员已有一项正在办理的组织关系转接，请先办结或撤回');
export const feesUnpaid = (fees: TransferFees) =>
  transferError(
    TransferErrorCode.FEES_UNPAID,
    `转出前须交清党费至 ${formatMonthCn(fees.transferMonth)}：尚欠 ${fees.owedMonths.map(formatMonthCn).join('、') || formatMonthCn(fees.transferMonth)}，共 ${formatYuan(fees.owedFen)} 元`,
    { rule: 'T3', owedMonths: fees.owedMonths, owedFen: fees.owedFen, paidUntil: fees.paidUntil, payPage: fees.payPage },
  );
export const sameOrganisation = () => transferError(TransferErrorCode.SAME_ORGANISATION, '转入组织与当前所在组织相同');
/** S4/M2: a temporary branch holds no formal relationship, so a transfer never ends in one. */
export const TEMPORARY_NOT_A_DESTINATION = '临时党支部不接收组织关系，请选择正式的党支部或党委';
export const assignOrgInvalid = (message = '请选择接收党委下属的党支部') => transferError(TransferErrorCode.ASSIGN_ORG_INVALID, message);
export const noCommittee = (name: string) => transferError(TransferErrorCode.NO_COMMITTEE, `${name}没有上级基层党委，无法办理转接`);
export const editsNotAllowed = () => transferError(TransferErrorCode.EDITS_NOT_ALLOWED, '只有重新提交时可以修改申请内容');
export const letterNotIssued = () => transferError(TransferErrorCode.LETTER_NOT_ISSUED, '尚未开具介绍信');
export const fontUnavailable = () =>
  transferError(TransferErrorCode.FONT_UNAVAILABLE, '服务器缺少中文字体，暂不能生成介绍信 PDF（请配置 TRANSFER_LETTER_FONT）');
