import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';

/**
 * A module's contribution to the to-do centre (the agreed seam, /work/wt/seams/todo-provider.md): a
 * provider class in the module itself registers with TodoRegistry in onModuleInit, so a new module
 * adds its items in one place and the centre is never edited.
 */
export type TodoProvider = {
  readonly source: string;
  /** What waits for this caller; providers apply their own access rules (subtree, role). */
  list(auth: AuthContext): Promise<TodoItem[]>;
};
