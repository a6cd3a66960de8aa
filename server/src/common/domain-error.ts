import { HttpStatus } from '@nestjs/common';

/**
 * A failure the caller can act on: a stable machine `code`, an HTTP status and a Chinese message.
 * Feature modules throw these (or a subclass with their own code enum); the global filter turns them
 * into `{ code, message, details }`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, `${what}不存在`);
export const forbidden = (message = '无权访问该对象') => new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, message);
export const badRequest = (code: string, message: string, details?: unknown) => new DomainError(code, HttpStatus.BAD_REQUEST, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new DomainError(code, HttpStatus.CONFLICT, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, message, details);
