import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the member card; clients switch on them. */
export const CardErrorCode = { NOT_MEMBER: 'CARD_NOT_MEMBER' } as const;
export type CardErrorCode = (typeof CardErrorCode)[keyof typeof CardErrorCode];

export function cardErrorStatus(code: CardErrorCode): HttpStatus {
  switch (code) {
    case CardErrorCode.NOT_MEMBER:
      return HttpStatus.NOT_FOUND;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(cardErrorStatus);

export const CardErrors = {
  notMember: () => err(CardErrorCode.NOT_MEMBER, '当前账号未关联在册党员档案，没有党员名片'),
};
