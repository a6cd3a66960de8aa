import { HttpStatus } from '@nestjs/common';
import { NoticeErrorCode, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each notice error code, in one exhaustive switch. */
export function noticeErrorStatus(code: NoticeErrorCode): HttpStatus {
  switch (code) {
    case NoticeErrorCode.ATTACHMENT_MISSING:
      return HttpStatus.BAD_REQUEST;
    case NoticeErrorCode.NOT_IN_AUDIENCE:
      return HttpStatus.FORBIDDEN;
    case NoticeErrorCode.TARGET_OUTSIDE:
    case NoticeErrorCode.MEMBER_UNKNOWN:
    case NoticeErrorCode.ATTACHMENT_UNKNOWN:
    case NoticeErrorCode.ATTACHMENT_TYPE:
    case NoticeErrorCode.EXPIRES_IN_PAST:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case NoticeErrorCode.ATTACHMENT_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case NoticeErrorCode.NO_ACK_NEEDED:
    case NoticeErrorCode.WITHDRAWN:
    case NoticeErrorCode.REMIND_TOO_SOON:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(noticeErrorStatus);

/** The notices module's failures, with their Chinese messages. */
export const NoticeErrors = {
  targetOutside: () => err(NoticeErrorCode.TARGET_OUTSIDE, '通知对象必须在发布组织的范围内'),
  memberUnknown: (ids: string[]) => err(NoticeErrorCode.MEMBER_UNKNOWN, '指定的党员不存在或不在本组织范围内', { memberIds: ids }),
  attachmentUnknown: () => err(NoticeErrorCode.ATTACHMENT_UNKNOWN, '附件不存在或不属于本组织，请重新上传'),
  attachmentType: () => err(NoticeErrorCode.ATTACHMENT_TYPE, '附件只能是 PDF、Word、Excel、PowerPoint 文件或 JPG、PNG、WebP 图片'),
  attachmentTooLarge: (maxMb: number) => err(NoticeErrorCode.ATTACHMENT_TOO_LARGE, `附件过大：最大 ${maxMb} MB`),
  attachmentMissing: () => err(NoticeErrorCode.ATTACHMENT_MISSING, '请选择要上传的文件'),
  expiresInPast: () => err(NoticeErrorCode.EXPIRES_IN_PAST, '截止时间必须晚于现在'),
  notInAudience: () => err(NoticeErrorCode.NOT_IN_AUDIENCE, '您不在该通知的发送范围内'),
  noAckNeeded: () => err(NoticeErrorCode.NO_ACK_NEEDED, '该通知无需回执确认'),
  withdrawn: () => err(NoticeErrorCode.WITHDRAWN, '该通知已撤回'),
  remindTooSoon: (minutes: number) => err(NoticeErrorCode.REMIND_TOO_SOON, `刚刚已提醒过，请 ${minutes} 分钟后再试`),
};
