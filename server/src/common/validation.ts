import { HttpStatus, StandardSchemaValidationPipe, type StandardSchemaValidationPipeOptions } from '@nestjs/common';
import { DomainError } from './domain-error.js';

/** The shared zod schemas validate every body, query and param through Nest's built-in standard-schema pipe. */
export const validationPipe = () => new StandardSchemaValidationPipe({ exceptionFactory: validationError });

type Issues = Parameters<NonNullable<StandardSchemaValidationPipeOptions['exceptionFactory']>>[0];

/** The shared schemas' issues as the one error shape, with the field paths as details. */
export function validationError(issues: Issues): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    HttpStatus.BAD_REQUEST,
    `请求参数有误：${issues
      .slice(0, 3)
      .map((i) => `${(i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || '请求'} ${i.message}`)
      .join('；')}`,
    issues.map((i) => ({
      path: (i.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)),
      message: i.message,
    })),
  );
}
