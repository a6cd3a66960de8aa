import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the member card; clients switch on them. */
export const CardErrorCode = {
  NOT_MEMBER: 'CARD_NOT_MEMBER',
  DUTY_INVALID: 'CARD_VANGUARD_DUTY_INVALID',
  DUTY_OWN: 'CARD_VANGUARD_DUTY_OWN',
  PHOTO_TYPE: 'CARD_PHOTO_TYPE',
  PHOTO_TOO_LARGE: 'CARD_PHOTO_TOO_LARGE',
} as const;
export type CardErrorCode = (typeof CardErrorCode)[keyof typeof CardErrorCode];

export function cardErrorStatus(code: CardErrorCode): HttpStatus {
  switch (code) {
    case CardErrorCode.NOT_MEMBER:
      return HttpStatus.NOT_FOUND;
    case CardErrorCode.DUTY_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case CardErrorCode.DUTY_OWN:
      return HttpStatus.FORBIDDEN;
    case CardErrorCode.PHOTO_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case CardErrorCode.PHOTO_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(cardErrorStatus);

export const CardErrors = {
  notMember: () => err(CardErrorCode.NOT_MEMBER, '当前账号未关联在册党员档案，没有党员名片'),
  /** The day or the post does not allow a duty (`vanguardDutyProblem`). */
  dutyInvalid: (message: string) => err(CardErrorCode.DUTY_INVALID, message),
  photoType: () => err(CardErrorCode.PHOTO_TYPE, '照片须为 JPG、PNG 或 WebP 图片'),
  photoTooLarge: (mb: number) => err(CardErrorCode.PHOTO_TOO_LARGE, `照片过大：最大 ${mb} MB`),
  dutyOwn: () => err(CardErrorCode.DUTY_OWN, '不能为自己记录先锋岗履职，请由支部其他负责同志记录'),
};
