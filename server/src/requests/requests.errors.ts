import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, REQUEST_ACTOR_LABEL, REQUEST_STATE_LABEL, type RequestActor, type RequestMachineState } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of enterprise requests, contacts, departments, the catalogue and room bookings; clients switch on them. */
export const RequestErrorCode = {
  NO_COMMITTEE: 'REQUEST_NO_COMMITTEE',
  ENTERPRISE_NOT_OF_COMMITTEE: 'REQUEST_ENTERPRISE_NOT_OF_COMMITTEE',
  NOT_A_COMMITTEE: 'REQUEST_NOT_A_COMMITTEE',
  STEP_OUT_OF_ORDER: 'REQUEST_STEP_OUT_OF_ORDER',
  NOT_YOUR_PART: 'REQUEST_NOT_YOUR_PART',
  TEXT_REQUIRED: 'REQUEST_TEXT_REQUIRED',
  RATING_REQUIRED: 'REQUEST_RATING_REQUIRED',
  DEPARTMENT_INVALID: 'REQUEST_DEPARTMENT_INVALID',
  REOPEN_EXPIRED: 'REQUEST_REOPEN_EXPIRED',
  FILE_INVALID: 'REQUEST_FILE_INVALID',
  CONTACT_EXISTS: 'REQUEST_CONTACT_EXISTS',
  DEPARTMENT_EXISTS: 'REQUEST_DEPARTMENT_EXISTS',
  ROOM_EXISTS: 'REQUEST_ROOM_EXISTS',
  SLOT_TAKEN: 'ROOM_SLOT_TAKEN',
  BOOKING_INVALID: 'ROOM_BOOKING_INVALID',
  BOOKING_CANCELLED: 'ROOM_BOOKING_CANCELLED',
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

export function requestErrorStatus(code: RequestErrorCode): HttpStatus {
  switch (code) {
    case RequestErrorCode.NO_COMMITTEE:
    case RequestErrorCode.ENTERPRISE_NOT_OF_COMMITTEE:
    case RequestErrorCode.NOT_A_COMMITTEE:
    case RequestErrorCode.TEXT_REQUIRED:
    case RequestErrorCode.RATING_REQUIRED:
    case RequestErrorCode.DEPARTMENT_INVALID:
    case RequestErrorCode.FILE_INVALID:
    case RequestErrorCode.BOOKING_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case RequestErrorCode.STEP_OUT_OF_ORDER:
    case RequestErrorCode.REOPEN_EXPIRED:
    case RequestErrorCode.CONTACT_EXISTS:
    case RequestErrorCode.DEPARTMENT_EXISTS:
    case RequestErrorCode.ROOM_EXISTS:
    case RequestErrorCode.SLOT_TAKEN:
    case RequestErrorCode.BOOKING_CANCELLED:
      return HttpStatus.CONFLICT;
    case RequestErrorCode.NOT_YOUR_PART:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(requestErrorStatus);

export const RequestErrors = {
  noCommittee: () => err(RequestErrorCode.NO_COMMITTEE, '未找到受理您诉求的党委：请以企业联系人身份提交，或确认您的组织关系'),
  enterpriseNotOfCommittee: () => err(RequestErrorCode.ENTERPRISE_NOT_OF_COMMITTEE, '该企业不在本党委的联系范围内'),
  notACommittee: () => err(RequestErrorCode.NOT_A_COMMITTEE, '只有基层党委可以设置服务部门、服务目录和企业联系人'),
  outOfOrder: (state: RequestMachineState) => err(RequestErrorCode.STEP_OUT_OF_ORDER, `该诉求${REQUEST_STATE_LABEL[state]}，不能进行此操作`),
  notYourPart: (actor: RequestActor) => err(RequestErrorCode.NOT_YOUR_PART, `此操作应由${REQUEST_ACTOR_LABEL[actor]}办理`),
  textRequired: (what: string) => err(RequestErrorCode.TEXT_REQUIRED, `请填写${what}（至少 2 个字）`),
  ratingRequired: () => err(RequestErrorCode.RATING_REQUIRED, '请给出 1–5 星的满意度评价'),
  departmentInvalid: () => err(RequestErrorCode.DEPARTMENT_INVALID, '请选择本党委已启用且配置了承办人的部门'),
  reopenExpired: (days: number) => err(RequestErrorCode.REOPEN_EXPIRED, `办结已超过 ${days} 天，不能重新办理，请提交新的诉求`),
  fileInvalid: () => err(RequestErrorCode.FILE_INVALID, '附件无效：请上传图片、PDF 或 Office 文件，并在提交前上传'),
  contactExists: () => err(RequestErrorCode.CONTACT_EXISTS, '该账号已是这家企业的联系人'),
  departmentExists: () => err(RequestErrorCode.DEPARTMENT_EXISTS, '已有同名部门'),
  roomExists: () => err(RequestErrorCode.ROOM_EXISTS, '已有同名会议室'),
  slotTaken: () => err(RequestErrorCode.SLOT_TAKEN, '该时段已被预约，请选择其他时间'),
  bookingInvalid: (message: string) => err(RequestErrorCode.BOOKING_INVALID, message),
  bookingCancelled: () => err(RequestErrorCode.BOOKING_CANCELLED, '该预约已取消'),
};
