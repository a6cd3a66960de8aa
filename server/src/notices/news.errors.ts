import { HttpStatus } from '@nestjs/common';
import { NEWS_ACTION_LABEL, NEWS_STATE_LABEL, NewsErrorCode, assertUnreachable, type NewsAction, type NewsState } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each news error code, in one exhaustive switch. */
export function newsErrorStatus(code: NewsErrorCode): HttpStatus {
  switch (code) {
    case NewsErrorCode.NOT_REVIEWER:
    case NewsErrorCode.NOT_A_MEMBER:
    case NewsErrorCode.NOT_MODERATOR:
      return HttpStatus.FORBIDDEN;
    case NewsErrorCode.IMAGE_UNKNOWN:
    case NewsErrorCode.MEETING_OUTSIDE:
    case NewsErrorCode.NO_REVIEWER:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case NewsErrorCode.STEP_OUT_OF_ORDER:
    case NewsErrorCode.NOT_EDITABLE:
    case NewsErrorCode.NOT_PUBLISHED:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(newsErrorStatus);

/** The news (党建动态) failures, with their Chinese messages. */
export const NewsErrors = {
  stepOutOfOrder: (state: NewsState, action: NewsAction) =>
    err(NewsErrorCode.STEP_OUT_OF_ORDER, `该动态${NEWS_STATE_LABEL[state]}，不能${NEWS_ACTION_LABEL[action]}`, { state, action }),
  notEditable: (state: NewsState) => err(NewsErrorCode.NOT_EDITABLE, `该动态${NEWS_STATE_LABEL[state]}，不能再修改`),
  notReviewer: () => err(NewsErrorCode.NOT_REVIEWER, '只有上级党组织的工作人员可以审核本支部的动态'),
  noReviewer: () => err(NewsErrorCode.NO_REVIEWER, '该组织没有上级党组织，无法提交审核'),
  imageUnknown: () => err(NewsErrorCode.IMAGE_UNKNOWN, '图片不存在或不属于本组织，请重新上传'),
  meetingOutside: () => err(NewsErrorCode.MEETING_OUTSIDE, '关联的会议不存在或不属于本组织'),
  notPublished: () => err(NewsErrorCode.NOT_PUBLISHED, '动态尚未发布，不能点赞或评论'),
  notAMember: () => err(NewsErrorCode.NOT_A_MEMBER, '只有党员可以点赞和评论'),
  notModerator: () => err(NewsErrorCode.NOT_MODERATOR, '只有本支部书记或上级党组织可以审核评论'),
};
