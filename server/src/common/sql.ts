/*
 * SQL text helpers shared by repositories (only repositories build SQL).
 */

/**
 * `path <@ root` written as a btree range, [root, ltree_subtree_end(root)): lets the planner use the
 * covering btree on path (see the organisation-subtree-counts migration) for an index-only scan.
 */
export const SUBTREE = (column: string, root: string) => `${column} >= ${root} AND ${column} < ltree_subtree_end(${root})`;

/** Escapes LIKE wildcards so a search for "50%" finds that text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
