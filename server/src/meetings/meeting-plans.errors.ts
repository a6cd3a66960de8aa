import { HttpStatus } from '@nestjs/common';
import {
  MEETING_PLAN_ACTION_LABEL,
  MEETING_PLAN_STATE_LABEL,
  MeetingPlanErrorCode,
  assertUnreachable,
  type MeetingPlanAction,
  type MeetingPlanState,
} from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each yearly-plan error code, in one exhaustive switch. */
export function meetingPlanErrorStatus(code: MeetingPlanErrorCode): HttpStatus {
  switch (code) {
    case MeetingPlanErrorCode.NOT_HIGHER:
    case MeetingPlanErrorCode.NOT_BRANCH:
      return HttpStatus.FORBIDDEN;
    case MeetingPlanErrorCode.NOT_A_BRANCH:
    case MeetingPlanErrorCode.ENTRY_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case MeetingPlanErrorCode.EXISTS:
    case MeetingPlanErrorCode.NOT_EDITABLE:
    case MeetingPlanErrorCode.STEP_OUT_OF_ORDER:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(meetingPlanErrorStatus);

export const MeetingPlanErrors = {
  notABranch: () => err(MeetingPlanErrorCode.NOT_A_BRANCH, '年度计划按党支部制定，请选择一个党支部'),
  exists: (id: string) => err(MeetingPlanErrorCode.EXISTS, '该支部本年度的计划已经存在', { planId: id }),
  notEditable: (state: MeetingPlanState) =>
    err(MeetingPlanErrorCode.NOT_EDITABLE, `计划${MEETING_PLAN_STATE_LABEL[state]}，不能修改；如需调整请先"重新调整"`, { state }),
  entryInvalid: (index: number, message: string) => err(MeetingPlanErrorCode.ENTRY_INVALID, `第 ${index + 1} 项：${message}`, { index }),
  stepOutOfOrder: (state: MeetingPlanState, action: MeetingPlanAction, allowed: MeetingPlanAction[]) =>
    err(
      MeetingPlanErrorCode.STEP_OUT_OF_ORDER,
      `计划${MEETING_PLAN_STATE_LABEL[state]}，不能${MEETING_PLAN_ACTION_LABEL[action]}${allowed.length ? `；可以：${allowed.map((a) => MEETING_PLAN_ACTION_LABEL[a]).join('、')}` : ''}`,
      { state, action, allowed },
    ),
  notBranch: () => err(MeetingPlanErrorCode.NOT_BRANCH, '年度计划由支部起草、调整和报送，上级党组织只确认或退回'),
  notHigher: () => err(MeetingPlanErrorCode.NOT_HIGHER, '只有上级党组织可以确认或退回支部的年度计划'),
};
