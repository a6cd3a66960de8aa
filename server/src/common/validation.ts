import { HttpStatus, StandardSchemaValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';

/**
 * The shared zod schemas validate every body, query and param through Nest's built-in standard-schema
 * pipe; this turns their issues into the one error shape, with the field paths as details.
 */
export const validationPipe = () =>
  new StandardSchemaValidationPipe({
    exceptionFactory: (issues) =>
      new DomainError(
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
      ),
  });
