import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** A replica that failed is left out for this long; its reports go to the primary meanwhile. */
const RESTING_MS = 10_000;
/** A replica that does not answer is given up on sooner than the primary (5 s): the primary can answer instead. */
const REPLICA_CONNECT_MS = 2000;

type Replica = { url: string; pool: pg.Pool; restingUntil: number };

/**
 * Where committee reports and rankings read (issue 12, read replicas): with DATABASE_REPLICA_URLS,
 * on PostgreSQL streaming replicas in turn, so that the primary's CPU is left to the writes; without,
 * on the primary. Only reads that may be a moment old come here — sums, rankings, dashboards — never
 * a read before a write or a list its reader has just changed: a replica replays the primary's
 * commits a little later (usually well under a second).
 *
 * A replica that fails (down, or a query cancelled by its replay) costs nobody a report: the query
 * runs again on the primary, and that replica rests for RESTING_MS.
 *
 * Plain node-postgres pools rather than TypeORM's `replication` option: TypeORM connects every
 * replica when the data source starts, so one replica down would stop the server starting.
 */
@Injectable()
export class ReportReader implements OnApplicationShutdown {
  private readonly logger = new Logger('ReportReader');
  private readonly replicas: Replica[];
  private next = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The primary pool's settings (its size, the preparing client): the same reads, on another server.
    const { extra } = db.options as { extra?: pg.PoolConfig };
    this.replicas = config.DATABASE_REPLICA_URLS.map((url) => {
      const pool = new pg.Pool({ ...extra, connectionString: url, application_name: 'dangjian-reports', connectionTimeoutMillis: REPLICA_CONNECT_MS });
      // An idle connection the replica drops must not take the process down.
      pool.on('error', (err) => this.logger.warn({ err }, 'replica connection lost'));
      return { url, pool, restingUntil: 0 };
    });
  }

  /** The rows of a read-only `sql`, from a replica when one is up, else from the primary. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const replica = this.pick();
    if (replica) {
      try {
        const client = await replica.pool.connect();
        try {
          const { rows } = await client.query(sql, params);
          client.release();
          return rows as T[];
        } catch (err) {
          // Not back into the pool: the connection may be what failed.
          client.release(err as Error);
          throw err;
        }
      } catch (err) {
        replica.restingUntil = Date.now() + RESTING_MS;
        this.logger.warn({ err, replica: redacted(replica.url) }, 'replica failed: reading from the primary');
      }
    }
    return this.db.query(sql, params);
  }

  /** The next replica in turn that is not resting. */
  private pick(): Replica | undefined {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.next + i) % this.replicas.length]!;
      if (r.restingUntil <= now) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return r;
      }
    }
    return undefined;
  }

  async onApplicationShutdown() {
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}

/** A replica's URL for the log, without its password. */
function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
