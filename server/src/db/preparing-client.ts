import { createHash } from 'node:crypto';
import pg from 'pg';

/** A statement's second run on a connection prepares it: one-off texts (an inlined OFFSET, say) never are. */
const PREPARE_ON_RUN = 2;
/** Statements prepared per connection, at most; each keeps its plans in the backend for the connection's life. */
const PREPARED_MAX = 256;
/** Texts whose runs are counted per connection before the count starts again. */
const COUNTED_MAX = 2048;
/** PostgreSQL refuses to run a prepared statement whose result columns a migration changed (`SELECT *`). */
const RESULT_TYPE_CHANGED = '0A000';

/**
 * The pool's connection (pg-pool's `Client` option): every parameterised statement that runs again on
 * the connection runs as a named, prepared statement, planned once, as PgJDBC and postgres.js do by
 * default. node-postgres sends statements unnamed, and PostgreSQL plans an unnamed statement on every
 * run: for the short statements of a request that cost several times their execution (issue 12 — the
 * caller's session and grants 0.44 + 0.27 ms of planning against 0.12 + 0.02 ms of running them; the
 * home page about 8 ms of planning against 0.5 ms). PostgreSQL plans a prepared statement again when
 * a table it reads changes, and chooses between a generic plan and one for the values given.
 *
 * Bounded per connection (PREPARED_MAX); a statement whose result columns changed under it (a
 * migration by another instance, `SELECT *`) fails once and then runs unnamed on that connection.
 * Off with DB_PREPARE=false, behind a proxy that pools by transaction and cannot keep statements.
 */
export class PreparingClient extends pg.Client {
  /** The name of each text prepared on this connection. */
  private readonly prepared = new Map<string, string>();
  /** How often each text not yet prepared has run. */
  private readonly runs = new Map<string, number>();
  /** Texts whose result columns changed under their prepared statement: unnamed from then on. */
  private readonly unnamed = new Set<string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const run = this.query.bind(this) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? this.nameFor(config) : undefined;
      if (!name) return run(config, values, callback);
      return (run({ name, text: config }, values) as Promise<unknown>).catch((err: { code?: string }) => {
        if (err.code === RESULT_TYPE_CHANGED) this.unnamed.add(config as string);
        throw err;
      });
    }) as typeof this.query;
  }

  /** The statement's name once it is to be prepared here; undefined while it runs unnamed. */
  private nameFor(text: string): string | undefined {
    if (this.unnamed.has(text)) return undefined;
    const name = this.prepared.get(text);
    if (name) return name;
    if (this.prepared.size >= PREPARED_MAX) return undefined;
    const n = (this.runs.get(text) ?? 0) + 1;
    if (n < PREPARE_ON_RUN) {
      if (this.runs.size >= COUNTED_MAX) this.runs.clear();
      this.runs.set(text, n);
      return undefined;
    }
    this.runs.delete(text);
    const named = `dj_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.prepared.set(text, named);
    return named;
  }
}
