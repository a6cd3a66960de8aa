import { HttpStatus } from '@nestjs/common';
import { KnowledgeErrorCode, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each knowledge error code, in one exhaustive switch. */
export function knowledgeErrorStatus(code: KnowledgeErrorCode): HttpStatus {
  switch (code) {
    case KnowledgeErrorCode.ARTICLE_UNKNOWN:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(knowledgeErrorStatus);

/** The knowledge module's failures, with their Chinese messages. */
export const KnowledgeErrors = {
  articleUnknown: (ids: string[]) => err(KnowledgeErrorCode.ARTICLE_UNKNOWN, '关联的条文不存在，请重新选择', { articleIds: ids }),
};
