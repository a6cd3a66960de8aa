import { HttpStatus } from '@nestjs/common';
import { MEETING_TYPE_LABEL, MeetingErrorCode, ORG_KIND_LABEL, type MeetingType, type OrgKind, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each meeting error code, in one exhaustive switch. */
export function meetingErrorStatus(code: MeetingErrorCode): HttpStatus {
  switch (code) {
    case MeetingErrorCode.CHECKIN_TOKEN_MALFORMED:
    case MeetingErrorCode.CHECKIN_LOCATION_REQUIRED:
    case MeetingErrorCode.CHECKIN_MEMBER_CODE_INVALID:
    case MeetingErrorCode.PHOTO_MISSING:
      return HttpStatus.BAD_REQUEST;
    case MeetingErrorCode.SCREEN_TOKEN_INVALID:
    case MeetingErrorCode.SCREEN_TOKEN_EXPIRED:
      return HttpStatus.UNAUTHORIZED;
    case MeetingErrorCode.CHECKIN_TOKEN_FORGED:
    case MeetingErrorCode.CHECKIN_NOT_A_MEMBER:
    case MeetingErrorCode.CHECKIN_NOT_EXPECTED:
    case MeetingErrorCode.CHECKIN_OUTSIDE_GEOFENCE:
    case MeetingErrorCode.NOT_EXPECTED:
      return HttpStatus.FORBIDDEN;
    case MeetingErrorCode.CHECKIN_TOKEN_EXPIRED:
    case MeetingErrorCode.CHECKIN_TOKEN_NOT_YET_VALID:
    case MeetingErrorCode.CHECKIN_TOKEN_OTHER_MEETING:
    case MeetingErrorCode.CHECKIN_WINDOW_NOT_OPEN:
    case MeetingErrorCode.CHECKIN_WINDOW_CLOSED:
    case MeetingErrorCode.CHECKIN_OFFLINE_TIME_INVALID:
    case MeetingErrorCode.TYPE_NOT_FOR_ORG:
    case MeetingErrorCode.TIME_INVALID:
    case MeetingErrorCode.MEMBER_UNKNOWN:
    case MeetingErrorCode.GUEST_NOT_ALLOWED:
    case MeetingErrorCode.NOT_A_GUEST:
    case MeetingErrorCode.PHOTO_TYPE_NOT_ALLOWED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case MeetingErrorCode.PHOTO_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case MeetingErrorCode.CANCELLED:
    case MeetingErrorCode.ALREADY_STARTED:
    case MeetingErrorCode.ALREADY_ENDED:
    case MeetingErrorCode.NOT_STARTED:
    case MeetingErrorCode.GUEST_CHECKED_IN:
    case MeetingErrorCode.NOT_ABSENT:
    case MeetingErrorCode.LEAVE_TOO_LATE:
    case MeetingErrorCode.LEAVE_ALREADY_REQUESTED:
    case MeetingErrorCode.LEAVE_ALREADY_PRESENT:
    case MeetingErrorCode.LEAVE_NOT_PENDING:
    case MeetingErrorCode.PHOTO_LIMIT:
    case MeetingErrorCode.CHECKIN_NOT_PENDING:
    case MeetingErrorCode.CHECKIN_REJECTED:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(meetingErrorStatus);

/** The meeting module's failures, with their Chinese messages. */
export const MeetingErrors = {
  typeNotForOrg: (type: MeetingType, kind: OrgKind) =>
    err(
      MeetingErrorCode.TYPE_NOT_FOR_ORG,
      type === 'group_meeting'
        ? `党小组会只能由党小组召开，${ORG_KIND_LABEL[kind]}不能召开党小组会`
        : `党小组只能召开党小组会，不能召开${MEETING_TYPE_LABEL[type]}`,
    ),
  timeInvalid: (message: string) => err(MeetingErrorCode.TIME_INVALID, message),
  cancelled: () => err(MeetingErrorCode.CANCELLED, '会议已取消'),
  alreadyStarted: (what: string) => err(MeetingErrorCode.ALREADY_STARTED, `会议已开始，不能${what}`),
  alreadyEnded: (what: string) => err(MeetingErrorCode.ALREADY_ENDED, `会议已结束，不能${what}`),
  notStarted: (what: string) => err(MeetingErrorCode.NOT_STARTED, `会议尚未开始，不能${what}`),
  memberUnknown: (ids: string[]) => err(MeetingErrorCode.MEMBER_UNKNOWN, '指定的党员不存在或不在本组织范围内', { memberIds: ids }),
  guestNotAllowed: (ids: string[]) => err(MeetingErrorCode.GUEST_NOT_ALLOWED, '只能邀请本组织范围内的党员，或其他组织的流动党员列席', { memberIds: ids }),
  notAGuest: () => err(MeetingErrorCode.NOT_A_GUEST, '该党员不是列席人员，不能移除'),
  guestCheckedIn: () => err(MeetingErrorCode.GUEST_CHECKED_IN, '该列席人员已签到，不能移除'),
  notExpected: () => err(MeetingErrorCode.NOT_EXPECTED, '您不是本次会议的应到人员'),
  notAbsent: () => err(MeetingErrorCode.NOT_ABSENT, '该党员已签到或已请假，无需登记缺席原因'),
  leaveTooLate: () => err(MeetingErrorCode.LEAVE_TOO_LATE, '会议已开始，不能再请假'),
  leaveAlreadyRequested: () => err(MeetingErrorCode.LEAVE_ALREADY_REQUESTED, '您已提交请假申请'),
  leaveAlreadyPresent: () => err(MeetingErrorCode.LEAVE_ALREADY_PRESENT, '您已签到，不能请假'),
  leaveNotPending: () => err(MeetingErrorCode.LEAVE_NOT_PENDING, '该请假申请已处理'),
  photoMissing: () => err(MeetingErrorCode.PHOTO_MISSING, '请上传图片文件'),
  photoType: () => err(MeetingErrorCode.PHOTO_TYPE_NOT_ALLOWED, '只能上传 JPG、PNG 或 WebP 图片'),
  photoTooLarge: (maxBytes: number) => err(MeetingErrorCode.PHOTO_TOO_LARGE, `图片过大：最大 ${maxBytes / 1024 / 1024} MB`),
  photoLimit: (max: number) => err(MeetingErrorCode.PHOTO_LIMIT, `每次会议最多上传 ${max} 张照片`),
  tokenMalformed: () => err(MeetingErrorCode.CHECKIN_TOKEN_MALFORMED, '签到码无法识别，请重新扫描会场二维码'),
  tokenForged: () => err(MeetingErrorCode.CHECKIN_TOKEN_FORGED, '签到码无效（签名不符），请扫描会场大屏上的二维码'),
  tokenExpired: () => err(MeetingErrorCode.CHECKIN_TOKEN_EXPIRED, '签到码已过期，请重新扫描会场大屏上的最新二维码'),
  tokenNotYetValid: () => err(MeetingErrorCode.CHECKIN_TOKEN_NOT_YET_VALID, '签到码时间异常，请重新扫描'),
  tokenOtherMeeting: () => err(MeetingErrorCode.CHECKIN_TOKEN_OTHER_MEETING, '该签到码属于另一场会议'),
  windowNotOpen: (opensAt: Date) => err(MeetingErrorCode.CHECKIN_WINDOW_NOT_OPEN, '签到尚未开始', { opensAt: opensAt.toISOString() }),
  windowClosed: (closesAt: Date) => err(MeetingErrorCode.CHECKIN_WINDOW_CLOSED, '签到已截止', { closesAt: closesAt.toISOString() }),
  notAMember: () => err(MeetingErrorCode.CHECKIN_NOT_A_MEMBER, '当前账号未关联党员信息，不能签到'),
  checkinNotExpected: () => err(MeetingErrorCode.CHECKIN_NOT_EXPECTED, '您不是本次会议的应到人员，不能签到'),
  locationRequired: () => err(MeetingErrorCode.CHECKIN_LOCATION_REQUIRED, '本次会议需要定位签到，请允许获取位置后重试'),
  outsideGeofence: (distanceM: number, radiusM: number) =>
    err(MeetingErrorCode.CHECKIN_OUTSIDE_GEOFENCE, `您不在会场签到范围内（距会场约 ${Math.round(distanceM)} 米，范围 ${radiusM} 米）`, {
      distanceM: Math.round(distanceM),
      radiusM,
    }),
  offlineTimeInvalid: () => err(MeetingErrorCode.CHECKIN_OFFLINE_TIME_INVALID, '离线签到的扫码时间与签到码不符'),
  memberCodeInvalid: () => err(MeetingErrorCode.CHECKIN_MEMBER_CODE_INVALID, '个人签到码无效或已过期，请让党员刷新后重新扫描'),
  checkinNotPending: () => err(MeetingErrorCode.CHECKIN_NOT_PENDING, '该签到记录不是待确认状态'),
  checkinRejected: () => err(MeetingErrorCode.CHECKIN_REJECTED, '您的离线签到已被驳回，请联系书记补签'),
  screenTokenInvalid: () => err(MeetingErrorCode.SCREEN_TOKEN_INVALID, '大屏链接无效'),
  screenTokenExpired: () => err(MeetingErrorCode.SCREEN_TOKEN_EXPIRED, '大屏链接已过期，请重新生成'),
};
