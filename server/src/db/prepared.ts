import type { DataSource, EntityManager } from 'typeorm';

/**
 * A query PostgreSQL prepares once per pooled connection, under `name`, and then runs from its plan
 * cache. `query()` otherwise sends every statement unnamed, and PostgreSQL plans it again on each
 * call: for the caller's session and grants, run on almost every request, planning cost three to
 * four times the execution (0.44 + 0.27 ms against 0.12 + 0.02 ms, pg_stat_statements with
 * track_planning, issue 12). Only for short statements run all the time: each name stays prepared
 * on every connection for the connection's life.
 *
 * The statement must name its output columns (no `*`): PostgreSQL replans a prepared statement after
 * a migration changes the tables it reads, but refuses one whose result columns would change.
 */
export function preparedQuery<T>(db: DataSource | EntityManager, name: string, text: string, params: unknown[]): Promise<T[]> {
  // node-pg takes a query config ({ name, text }) where TypeORM passes the SQL string through to it;
  // a new object each call, since node-pg stores the values on it.
  return db.query({ name, text } as unknown as string, params);
}
