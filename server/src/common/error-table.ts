import type { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error.js';

/**
 * The one way a module defines its error table (model: `meetings/meetings.errors.ts`):
 *
 * 1. a code enum (in `shared/src/<module>.ts` when the mini-program switches on the codes);
 * 2. `<module>ErrorStatus(code)`: one exhaustive `switch` from code to HTTP status ending in
 *    `assertUnreachable`, so a new code without a status does not compile;
 * 3. `const err = errorTable(<module>ErrorStatus)`: a constructor that only accepts that module's
 *    codes and always answers the status of the table (callers cannot pick another);
 * 4. `export const <Module>Errors = { name: (…) => err(Code.X, '中文消息', details?) }`: one typed
 *    constructor per failure, holding its Chinese message.
 */
export function errorTable<C extends string>(statusOf: (code: C) => HttpStatus) {
  return (code: C, message: string, details?: unknown): DomainError => new DomainError(code, statusOf(code), message, details);
}
