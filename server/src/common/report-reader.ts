import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** A replica that failed is left out for this long; its reports go to the primary meanwhile. */
const RESTING_MS = 10_000;
/** A replica that does not answer is given up on sooner than the primary (5 s): the primary can answer instead. */
const REPLICA_CONNECT_MS = 2000;
/** How often each process compares the replicas' replay with the primary's WAL. */
const LAG_CHECK_MS = 1000;

/** `label`: the replica's URL without its password, for the log. */
type Replica = { label: string; pool: pg.Pool; restingUntil: number; behind: boolean };
/** The primary's WAL position (an LSN as a number) at a moment. */
type WalMark = { at: number; lsn: bigint };

/**
 * Where committee reports and rankings read (issue 12, read replicas): with DATABASE_REPLICA_URLS,
 * on PostgreSQL streaming replicas in turn, so that the primary's CPU is left to the writes; without,
 * on the primary. Only reads that may be a moment old come here — sums, rankings, dashboards — never
 * a read before a write or a list its reader has just changed: a replica replays the primary's
 * commits a little later (usually well under a second).
 *
 * A replica that fails (down, or a query cancelled by its replay) costs nobody a report: the query
 * runs again on the primary, and that replica rests for RESTING_MS. A replica that has fallen behind
 * (stuck, or replaying a backlog) is left out while it has not replayed what the primary had written
 * REPLICA_MAX_LAG_S ago: each process notes the primary's WAL position every LAG_CHECK_MS and compares
 * each replica's replay position with the one noted that long ago — by position, not by the time of
 * the last replayed transaction, which an idle primary would make look old.
 *
 * Plain node-postgres pools rather than TypeORM's `replication` option: TypeORM connects every
 * replica when the data source starts, so one replica down would stop the server starting.
 */
@Injectable()
export class ReportReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReportReader');
  private readonly replicas: Replica[];
  private next = 0;
  private readonly maxLagMs: number;
  /** The primary's WAL positions of the last REPLICA_MAX_LAG_S and a little more, oldest first. */
  private marks: WalMark[] = [];
  private watch: NodeJS.Timeout | null = null;
  /** A check still waiting on a replica that does not answer: the next tick skips rather than pile up. */
  private checking = false;

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
      return { label: redacted(url), pool, restingUntil: 0, behind: false };
    });
    this.maxLagMs = config.REPLICA_MAX_LAG_S * 1000;
  }

  onApplicationBootstrap() {
    if (this.replicas.length === 0) return;
    this.watch = setInterval(() => {
      if (this.checking) return;
      this.checking = true;
      void this.checkLag().finally(() => (this.checking = false));
    }, LAG_CHECK_MS).unref();
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
        this.logger.warn({ err, replica: replica.label }, 'replica failed: reading from the primary');
      }
    }
    return this.db.query(sql, params);
  }

  /** The next replica in turn that is not resting. */
  private pick(): Replica | undefined {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.next + i) % this.replicas.length]!;
      if (r.restingUntil <= now && !r.behind) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return r;
      }
    }
    return undefined;
  }

  /** Notes the primary's WAL position and marks each replica behind or not (see the class). */
  private async checkLag() {
    const now = Date.now();
    try {
      const [row] = await this.db.query<Array<{ lsn: string }>>(`SELECT pg_current_wal_lsn()::text AS lsn`);
      this.marks.push({ at: now, lsn: lsnNumber(row!.lsn) });
    } catch {
      return; // The primary's outage is the error filter's business; the replicas keep their marks.
    }
    // The newest mark at least REPLICA_MAX_LAG_S old: a replica that has not replayed up to it is behind.
    const due = this.marks.filter((m) => m.at <= now - this.maxLagMs).pop();
    this.marks = this.marks.filter((m) => m.at > now - this.maxLagMs - 5 * LAG_CHECK_MS);
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const { rows } = await r.pool.query<{ lsn: string | null }>(`SELECT pg_last_wal_replay_lsn()::text AS lsn`);
          const behind = due !== undefined && (rows[0]?.lsn == null || lsnNumber(rows[0].lsn) < due.lsn);
          if (behind !== r.behind) this.logger.warn({ replica: r.label }, behind ? 'replica behind: reading from the primary' : 'replica caught up');
          r.behind = behind;
        } catch {
          // Down: the next report tried on it rests it (query); nothing to add here.
        }
      }),
    );
  }

  async onApplicationShutdown() {
    if (this.watch) clearInterval(this.watch);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}

/** A WAL position ('16/B374D848') as a number that orders like the position. */
function lsnNumber(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** A replica's URL for the log, without its password. */
function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
