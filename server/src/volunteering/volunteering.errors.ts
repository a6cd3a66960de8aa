import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of 志愿服务; clients switch on them. */
export const VolunteerErrorCode = {
  NOT_A_MEMBER: 'VOLUNTEER_NOT_A_MEMBER',
  ALREADY_SIGNED_UP: 'VOLUNTEER_ALREADY_SIGNED_UP',
  NOT_SIGNED_UP: 'VOLUNTEER_NOT_SIGNED_UP',
  CANCELLED: 'VOLUNTEER_ACTIVITY_CANCELLED',
  ENDED: 'VOLUNTEER_ACTIVITY_ENDED',
  TOKEN_INVALID: 'VOLUNTEER_TOKEN_INVALID',
  TOKEN_EXPIRED: 'VOLUNTEER_TOKEN_EXPIRED',
  SCAN_REFUSED: 'VOLUNTEER_SCAN_REFUSED',
  NOT_SIGNED_IN: 'VOLUNTEER_NOT_SIGNED_IN',
  ALREADY_SIGNED_IN: 'VOLUNTEER_ALREADY_SIGNED_IN',
  TIME_INVALID: 'VOLUNTEER_TIME_INVALID',
  NOT_IN_TEAM: 'VOLUNTEER_NOT_IN_TEAM',
  PHOTO_TYPE: 'VOLUNTEER_PHOTO_TYPE',
  PHOTO_LIMIT: 'VOLUNTEER_PHOTO_LIMIT',
  NOT_ENDED: 'VOLUNTEER_ACTIVITY_NOT_ENDED',
  FONT_UNAVAILABLE: 'VOLUNTEER_FONT_UNAVAILABLE',
} as const;
export type VolunteerErrorCode = (typeof VolunteerErrorCode)[keyof typeof VolunteerErrorCode];

export function volunteerErrorStatus(code: VolunteerErrorCode): HttpStatus {
  switch (code) {
    case VolunteerErrorCode.NOT_A_MEMBER:
    case VolunteerErrorCode.NOT_IN_TEAM:
      return HttpStatus.FORBIDDEN;
    case VolunteerErrorCode.NOT_SIGNED_UP:
      return HttpStatus.NOT_FOUND;
    case VolunteerErrorCode.ALREADY_SIGNED_UP:
    case VolunteerErrorCode.CANCELLED:
    case VolunteerErrorCode.ENDED:
    case VolunteerErrorCode.SCAN_REFUSED:
    case VolunteerErrorCode.NOT_SIGNED_IN:
    case VolunteerErrorCode.ALREADY_SIGNED_IN:
    case VolunteerErrorCode.PHOTO_LIMIT:
    case VolunteerErrorCode.NOT_ENDED:
      return HttpStatus.CONFLICT;
    case VolunteerErrorCode.TOKEN_INVALID:
    case VolunteerErrorCode.TOKEN_EXPIRED:
    case VolunteerErrorCode.TIME_INVALID:
    case VolunteerErrorCode.PHOTO_TYPE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case VolunteerErrorCode.FONT_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(volunteerErrorStatus);

const SCAN_REFUSAL = {
  not_open: '签到尚未开始（活动开始前 1 小时起可签到）',
  closed: '活动已结束，不能再签到',
  already_signed_out: '您已签退，本次服务时长已记录',
  sign_out_closed: '签退时间已过，请联系组织者确认签退时间',
} as const;

export const VolunteerErrors = {
  notAMember: () => err(VolunteerErrorCode.NOT_A_MEMBER, '当前账号未关联党员档案'),
  alreadySignedUp: () => err(VolunteerErrorCode.ALREADY_SIGNED_UP, '您已报名该活动'),
  notSignedUp: () => err(VolunteerErrorCode.NOT_SIGNED_UP, '您未报名该活动，请先报名'),
  cancelled: () => err(VolunteerErrorCode.CANCELLED, '该活动已取消'),
  ended: () => err(VolunteerErrorCode.ENDED, '该活动已结束'),
  tokenInvalid: () => err(VolunteerErrorCode.TOKEN_INVALID, '二维码无效，请扫描活动现场的签到码'),
  tokenExpired: () => err(VolunteerErrorCode.TOKEN_EXPIRED, '二维码已过期，请扫描屏幕上最新的签到码'),
  scanRefused: (reason: keyof typeof SCAN_REFUSAL) => err(VolunteerErrorCode.SCAN_REFUSED, SCAN_REFUSAL[reason], { reason }),
  notSignedIn: () => err(VolunteerErrorCode.NOT_SIGNED_IN, '该志愿者尚未签到'),
  alreadySignedIn: () => err(VolunteerErrorCode.ALREADY_SIGNED_IN, '该志愿者已签到'),
  timeInvalid: () => err(VolunteerErrorCode.TIME_INVALID, '签退时间须晚于签到时间、不晚于活动结束后 2 小时且不在将来'),
  notInTeam: () => err(VolunteerErrorCode.NOT_IN_TEAM, '该志愿者不在本队伍中'),
  photoType: () => err(VolunteerErrorCode.PHOTO_TYPE, '只能上传 JPEG、PNG 或 WebP 图片'),
  photoLimit: (max: number) => err(VolunteerErrorCode.PHOTO_LIMIT, `每个活动最多 ${max} 张照片`),
  fontUnavailable: () => err(VolunteerErrorCode.FONT_UNAVAILABLE, '服务器缺少中文字体，暂不能生成证明 PDF'),
  notEnded: () => err(VolunteerErrorCode.NOT_ENDED, '活动开始后才能填写总结和上传照片'),
};
