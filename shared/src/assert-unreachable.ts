/**
 * The `default:` of every exhaustive `switch` in the workspace (server, shared and mini-program):
 * `default: return assertUnreachable(x);`. Typed `never`, so adding a member to the union without a
 * `case` fails to compile; at run time (a value from outside the types, e.g. an old row) it throws.
 * One definition here instead of a copy per file.
 */
export function assertUnreachable(x: never, what = 'value'): never {
  throw new Error(`unhandled ${what} ${String(x)}`);
}
