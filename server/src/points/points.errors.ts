import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, DEDUCTION_STATE_LABEL, type DeductionMachineState } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of 党员积分 (P3); clients switch on them. */
export const PointsErrorCode = {
  NOT_MEMBER: 'POINTS_NOT_MEMBER',
  RULE_INVALID: 'POINTS_RULE_INVALID',
  RULE_CONFLICT: 'POINTS_RULE_CONFLICT',
  MEMBER_OFF_ROLL: 'POINTS_MEMBER_OFF_ROLL',
  DEDUCTION_OUT_OF_ORDER: 'POINTS_DEDUCTION_OUT_OF_ORDER',
  DEDUCTION_OWN: 'POINTS_DEDUCTION_OWN',
} as const;
export type PointsErrorCode = (typeof PointsErrorCode)[keyof typeof PointsErrorCode];

export function pointsErrorStatus(code: PointsErrorCode): HttpStatus {
  switch (code) {
    case PointsErrorCode.NOT_MEMBER:
      return HttpStatus.NOT_FOUND;
    case PointsErrorCode.RULE_INVALID:
    case PointsErrorCode.MEMBER_OFF_ROLL:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case PointsErrorCode.RULE_CONFLICT:
    case PointsErrorCode.DEDUCTION_OUT_OF_ORDER:
      return HttpStatus.CONFLICT;
    case PointsErrorCode.DEDUCTION_OWN:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(pointsErrorStatus);

export const PointsErrors = {
  notMember: () => err(PointsErrorCode.NOT_MEMBER, '当前账号未关联党员档案，没有积分'),
  ruleInvalid: (why: string) => err(PointsErrorCode.RULE_INVALID, why),
  ruleConflict: () => err(PointsErrorCode.RULE_CONFLICT, '该项目在这一天已有规则版本，或他人刚刚修改了规则，请刷新后再试'),
  memberOffRoll: () => err(PointsErrorCode.MEMBER_OFF_ROLL, '该党员已不在册，不能扣分'),
  deductionOutOfOrder: (state: DeductionMachineState) => err(PointsErrorCode.DEDUCTION_OUT_OF_ORDER, `该扣分申请${DEDUCTION_STATE_LABEL[state]}，不能再办理`),
  deductionOwn: () => err(PointsErrorCode.DEDUCTION_OWN, '扣分需由提出人以外的审批人决定'),
};
