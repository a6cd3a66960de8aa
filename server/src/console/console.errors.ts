import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the console and the hall's big screen; clients switch on them. */
export const ConsoleErrorCode = {
  HALL_TOKEN_INVALID: 'HALL_TOKEN_INVALID',
  HALL_TOKEN_EXPIRED: 'HALL_TOKEN_EXPIRED',
} as const;
export type ConsoleErrorCode = (typeof ConsoleErrorCode)[keyof typeof ConsoleErrorCode];

export function consoleErrorStatus(code: ConsoleErrorCode): HttpStatus {
  switch (code) {
    case ConsoleErrorCode.HALL_TOKEN_INVALID:
    case ConsoleErrorCode.HALL_TOKEN_EXPIRED:
      return HttpStatus.UNAUTHORIZED;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(consoleErrorStatus);

export const ConsoleErrors = {
  hallTokenInvalid: () => err(ConsoleErrorCode.HALL_TOKEN_INVALID, '大屏链接无效'),
  hallTokenExpired: () => err(ConsoleErrorCode.HALL_TOKEN_EXPIRED, '大屏链接已过期，请重新生成'),
};
