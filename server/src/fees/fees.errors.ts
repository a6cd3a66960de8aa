import { HttpStatus } from '@nestjs/common';
import { FeeErrorCode, formatMonthCn, formatYuan, type FeeIssue, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** One exhaustive mapping of the fee codes (shared/src/fees.ts) to HTTP statuses. */
export function feeErrorStatus(code: FeeErrorCode): HttpStatus {
  switch (code) {
    case FeeErrorCode.NOT_LINKED:
      return HttpStatus.NOT_FOUND;
    case FeeErrorCode.BILL_SETTLED:
    case FeeErrorCode.PAYMENT_NOT_PENDING:
    case FeeErrorCode.RELIEF_NOT_PENDING:
    case FeeErrorCode.RELIEF_OVERLAP:
    case FeeErrorCode.LARGE_ALREADY_ACKNOWLEDGED:
    case FeeErrorCode.PROXY_EXISTS:
    case FeeErrorCode.PROXY_REVOKED:
      return HttpStatus.CONFLICT;
    case FeeErrorCode.RELIEF_APPROVER_NOT_HIGHER:
    case FeeErrorCode.RELIEF_SELF_APPROVAL:
      return HttpStatus.FORBIDDEN;
    case FeeErrorCode.DEMO_ONLY:
      return HttpStatus.NOT_FOUND;
    case FeeErrorCode.ONLINE_PAY_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case FeeErrorCode.WECHATPAY_FAILED:
      return HttpStatus.BAD_GATEWAY;
    case FeeErrorCode.IMPORT_FILE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case FeeErrorCode.INPUT_INVALID:
    case FeeErrorCode.MONTH_NOT_IN_YEAR:
    case FeeErrorCode.MONTH_IN_FUTURE:
    case FeeErrorCode.BILL_NOT_OF_MEMBER:
    case FeeErrorCode.BACKPAY_LIMIT:
    case FeeErrorCode.AMOUNT_MISMATCH:
    case FeeErrorCode.PROXY_AGREEMENT_REQUIRED:
    case FeeErrorCode.PROXY_SELF:
    case FeeErrorCode.PROXY_NOT_SAME_BRANCH:
    case FeeErrorCode.WECHAT_NOT_BOUND:
    case FeeErrorCode.NOTHING_DUE:
    case FeeErrorCode.RELIEF_AMOUNT_INVALID:
    case FeeErrorCode.NOT_LARGE_PAYMENT:
    case FeeErrorCode.ORG_NOT_BRANCH:
    case FeeErrorCode.IMPORT_INVALID:
    case FeeErrorCode.IMPORT_FILE_INVALID:
    case FeeErrorCode.IMPORT_TOO_MANY_ROWS:
    case FeeErrorCode.IMPORT_EMPTY:
    case FeeErrorCode.EXPORT_TOO_LARGE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

export const feeError = errorTable(feeErrorStatus);

export const notLinked = () => feeError(FeeErrorCode.NOT_LINKED, '当前账号未关联党员档案');
export const inputInvalid = (issues: FeeIssue[]) => feeError(FeeErrorCode.INPUT_INVALID, issues.map((i) => i.message).join('；'), issues);
export const monthNotInYear = () => feeError(FeeErrorCode.MONTH_NOT_IN_YEAR, '生效月份须在所填年度之内');
export const monthInFuture = (month: string) => feeError(FeeErrorCode.MONTH_IN_FUTURE, `${formatMonthCn(month)}尚未到来，不能生成账单`);
export const billNotOfMember = () => feeError(FeeErrorCode.BILL_NOT_OF_MEMBER, '所选账单不属于该党员');
export const billSettled = (months: string[]) =>
  feeError(FeeErrorCode.BILL_SETTLED, `${months.map(formatMonthCn).join('、')}的党费已结清，不能重复交纳`, { months });
export const backpayLimit = (months: string[], maxMonths: number) =>
  feeError(FeeErrorCode.BACKPAY_LIMIT, `补交党费最多补交 ${maxMonths} 个月：${months.map(formatMonthCn).join('、')}已超出补交期限，须由党支部研究处理`, {
    months,
    rule: 'F5',
  });
export const notPayableYet = (months: string[]) =>
  feeError(FeeErrorCode.BACKPAY_LIMIT, `${months.map(formatMonthCn).join('、')}尚未到来，不能预交`, { months, rule: 'F5' });
export const amountMismatch = (expected: number, given: number) =>
  feeError(FeeErrorCode.AMOUNT_MISMATCH, `金额不符：应交 ${formatYuan(expected)} 元，填写的是 ${formatYuan(given)} 元`, {
    expectedFen: expected,
    givenFen: given,
  });
export const proxyAgreementRequired = () => feeError(FeeErrorCode.PROXY_AGREEMENT_REQUIRED, '代缴党费须经党支部同意：请先登记代缴约定，并在交费时选择该约定');
export const proxySelf = () => feeError(FeeErrorCode.PROXY_SELF, '代缴人不能是党员本人');
export const proxyNotSameBranch = () => feeError(FeeErrorCode.PROXY_NOT_SAME_BRANCH, '代缴人须是本组织范围内的党员');
export const onlinePayUnavailable = () => feeError(FeeErrorCode.ONLINE_PAY_UNAVAILABLE, '暂未开通在线交纳党费，请向党支部交纳');
export const wechatNotBound = () => feeError(FeeErrorCode.WECHAT_NOT_BOUND, '请先在微信小程序中登录并绑定微信，再在线交纳党费');
export const wechatPayFailed = (detail: string) => feeError(FeeErrorCode.WECHATPAY_FAILED, `微信支付下单失败，请稍后再试（${detail}）`);
export const demoOnly = () => feeError(FeeErrorCode.DEMO_ONLY, '演示支付仅在演示模式下可用');
export const paymentNotPending = () => feeError(FeeErrorCode.PAYMENT_NOT_PENDING, '该订单已不在待支付状态');
export const nothingDue = () => feeError(FeeErrorCode.NOTHING_DUE, '所选账单无需交纳（应交金额为 0）');
export const reliefNotPending = () => feeError(FeeErrorCode.RELIEF_NOT_PENDING, '该申请已审批，不能重复处理');
export const reliefApproverNotHigher = () =>
  feeError(FeeErrorCode.RELIEF_APPROVER_NOT_HIGHER, '少交、免交党费须报上级党组织批准：审批人须在该党支部的上级党组织负责党费工作');
export const reliefSelfApproval = () => feeError(FeeErrorCode.RELIEF_SELF_APPROVAL, '提出申请的人不能审批自己的申请');
export const reliefOverlap = () => feeError(FeeErrorCode.RELIEF_OVERLAP, '该党员在所选月份已有待审批或已批准的少交、免交申请');
export const reliefAmountInvalid = (message: string) => feeError(FeeErrorCode.RELIEF_AMOUNT_INVALID, message);
export const notLargePayment = () => feeError(FeeErrorCode.NOT_LARGE_PAYMENT, '该笔交费不是大额党费');
export const largeAlreadyAcknowledged = () => feeError(FeeErrorCode.LARGE_ALREADY_ACKNOWLEDGED, '该笔大额党费已确认收到');
export const orgNotBranch = () => feeError(FeeErrorCode.ORG_NOT_BRANCH, '请选择党支部');
export const exportTooLarge = (max: number) => feeError(FeeErrorCode.EXPORT_TOO_LARGE, `导出超过 ${max} 行，请按下级组织分别导出`);
export const proxyExists = () => feeError(FeeErrorCode.PROXY_EXISTS, '该代缴约定已登记');
export const proxyRevoked = () => feeError(FeeErrorCode.PROXY_REVOKED, '该代缴约定已撤销');
