import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { INDEX_KEYS, type IndexKey, type RankingSort } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportReader } from '../common/report-reader.js';
import type { StoredIndexTerm } from './index.entities.js';
import { INDEX_METRICS } from './index-metrics.js';

export type DefinitionRow = {
  id: string;
  committeeId: string | null;
  committeeName: string | null;
  indexKey: IndexKey;
  version: number;
  effectiveMonth: string;
  terms: StoredIndexTerm[];
  note: string | null;
  createdAt: Date;
};
export type SnapshotPart = StoredIndexTerm & { value: number; normalised: number };
export type SnapshotRow = { month: string; indexKey: IndexKey; score: number; parts: SnapshotPart[]; definitionId: string; version: number };
export type RankingRow = { rank: number; orgId: string; orgName: string; overall: number | null; total: number; computedAt: Date } & Record<
  IndexKey,
  number | null
>;

export type EnterpriseRankingRow = {
  rank: number | null;
  enterpriseId: string;
  enterpriseName: string;
  orgId: string | null;
  orgName: string | null;
  isJoint: boolean | null;
  sharedBy: number;
  overall: number | null;
  total: number;
  scored: number;
} & Record<IndexKey, number | null>;

const DEF_SELECT = `SELECT d.id, d.committee_id AS "committeeId", c.name AS "committeeName", d.index_key AS "indexKey", d.version,
       to_char(d.effective_month, 'YYYY-MM') AS "effectiveMonth", d.terms, d.note, d.created_at AS "createdAt"
  FROM index_definition d LEFT JOIN organisation c ON c.id = d.committee_id`;

/** The one rule that picks a branch's definition: the nearest committee above it with a version in force, else the default; the latest version in force. */
const PICK_ORDER = `ORDER BY nlevel(c.path) DESC NULLS LAST, d.effective_month DESC, d.version DESC LIMIT 1`;

/** Column of the ranking for each sort (a closed set, never user text). */
const SORT_COLUMN: Record<RankingSort, string> = {
  innovation: 'innovation',
  development: 'development',
  growth: 'growth',
  vitality: 'vitality',
  happiness: 'happiness',
  overall: 'overall',
};

const monthDate = (month: string) => `${month}-01`;

@Injectable()
export class IndexesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportReader,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * K5: recompute one month for every branch (under `scopePath` when given), set-based: one INSERT …
   * SELECT per metric over all branches into a temporary table, one statement picking each branch's
   * definitions, one statement writing all scores with their parts. Returns the branches computed.
   */
  async recompute(month: string, start: Date, end: Date, scopePath: string | null): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      await tx.query(
        `CREATE TEMP TABLE index_scope ON COMMIT DROP AS
           SELECT id AS org_id, path, member_count FROM organisation WHERE kind = 'branch' AND ($1::ltree IS NULL OR path <@ $1::ltree)`,
        [scopePath],
      );
      await tx.query(`ALTER TABLE index_scope ADD PRIMARY KEY (org_id)`);
      await tx.query(`ANALYZE index_scope`);
      await tx.query(`CREATE TEMP TABLE index_value (org_id uuid NOT NULL, metric text NOT NULL, value float8 NOT NULL) ON COMMIT DROP`);
      for (const m of INDEX_METRICS) {
        // The casts type the parameters a metric does not use (PostgreSQL refuses an untyped one).
        await tx.query(
          `INSERT INTO index_value (org_id, metric, value)
           SELECT q.org_id, $4::text, COALESCE(q.value, 0) FROM (${m.sql}) q
            WHERE $1::timestamptz IS NOT NULL AND $2::timestamptz IS NOT NULL AND $3::date IS NOT NULL`,
          [start, end, monthDate(month), m.key],
        );
      }
      await tx.query(`CREATE INDEX ON index_value (org_id, metric)`);
      await tx.query(`ANALYZE index_value`);
      // Committees that published definitions are few: pick among them per branch, not per definition row.
      await tx.query(
        `CREATE TEMP TABLE index_pick ON COMMIT DROP AS
           SELECT s.org_id, k.key AS index_key, p.id AS definition_id, p.terms
             FROM index_scope s CROSS JOIN unnest($2::varchar[]) AS k(key)
             CROSS JOIN LATERAL (SELECT d.id, d.terms FROM index_definition d LEFT JOIN organisation c ON c.id = d.committee_id
                                  WHERE d.index_key = k.key AND d.effective_month <= $1::date AND (d.committee_id IS NULL OR c.path @> s.path)
                                  ${PICK_ORDER}) p`,
        [monthDate(month), INDEX_KEYS],
      );
      const rows: Array<{ n: number }> = await tx.query(
        `WITH t AS (
           SELECT p.org_id, p.index_key, p.definition_id, e.ord,
                  e.term->>'metric' AS metric, (e.term->>'weight')::float8 AS weight, (e.term->>'low')::float8 AS low, (e.term->>'high')::float8 AS high,
                  COALESCE(v.value, 0) AS value
             FROM index_pick p
             CROSS JOIN LATERAL jsonb_array_elements(p.terms) WITH ORDINALITY AS e(term, ord)
             LEFT JOIN index_value v ON v.org_id = p.org_id AND v.metric = e.term->>'metric'
         ), n AS (
           SELECT t.*, LEAST(GREATEST((t.value - t.low) / (t.high - t.low), 0), 1) AS normalised FROM t
         ), ins AS (
           INSERT INTO index_snapshot (organisation_id, month, index_key, definition_id, score, parts, computed_at)
           SELECT org_id, $1::date, index_key, definition_id,
                  round((100 * sum(weight * normalised) / sum(weight))::numeric, 1),
                  jsonb_agg(jsonb_build_object('metric', metric, 'weight', weight, 'low', low, 'high', high,
                                               'value', round(value::numeric, 2), 'normalised', round(normalised::numeric, 4)) ORDER BY ord),
                  now()
             FROM n GROUP BY org_id, index_key, definition_id
           ON CONFLICT (organisation_id, month, index_key) DO UPDATE
             SET definition_id = EXCLUDED.definition_id, score = EXCLUDED.score, parts = EXCLUDED.parts, computed_at = EXCLUDED.computed_at
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM index_scope)::int AS n, (SELECT count(*) FROM ins) AS written`,
        [monthDate(month)],
      );
      return rows[0]!.n;
    });
  }

  /** A committee's branches on one month, all five scores and their average, ranked by `sort`. */
  async ranking(committeePath: string, month: string, sort: RankingSort, limit: number): Promise<RankingRow[]> {
    const col = SORT_COLUMN[sort];
    return this.reports
      .query<RankingRow & { computedAtAll: Date }>(
        `WITH s AS (
         SELECT o.id AS "orgId", o.name AS "orgName",
                ${INDEX_KEYS.map((k) => `max(x.score) FILTER (WHERE x.index_key = '${k}')::float8 AS ${k}`).join(', ')},
                round(avg(x.score), 1)::float8 AS overall, max(x.computed_at) AS "computedAt"
           FROM index_snapshot x JOIN organisation o ON o.id = x.organisation_id
          WHERE x.month = $2::date AND o.path <@ $1::ltree
          GROUP BY o.id, o.name
       )
       SELECT rank() OVER (ORDER BY ${col} DESC NULLS LAST)::int AS rank, s.*, count(*) OVER ()::int AS total,
              max("computedAt") OVER () AS "computedAtAll"
         FROM s ORDER BY ${col} DESC NULLS LAST, "orgName", "orgId" LIMIT $3`,
        [committeePath, monthDate(month), limit],
      )
      .then((rows) => rows.map(({ computedAtAll, ...r }) => ({ ...r, computedAt: computedAtAll })));
  }

  /**
   * K5 per enterprise: the ledger enterprises of the committees under `committeePath` (not left before
   * the month), each with the organisation that covers it by K2's rule — its own before a joint branch,
   * the highest of its own (a 党委 of its own stands for its branches); a 党小组, a temporary branch and a
   * joint committee never cover — and that organisation's scores of the month: the average of the
   * branch snapshots at or below it (a branch: its own). Ranked among the enterprises with scores.
   */
  async enterpriseRanking(committeePath: string, month: string, sort: RankingSort, limit: number): Promise<EnterpriseRankingRow[]> {
    const col = SORT_COLUMN[sort];
    return this.reports.query(
      `WITH ent AS (
         SELECT e.id, e.name FROM enterprise e JOIN organisation c ON c.id = e.committee_id
          WHERE c.path <@ $1::ltree AND (e.left_on IS NULL OR e.left_on >= $2::date)
       ), link AS (
         SELECT DISTINCT ON (oe.enterprise_id) oe.enterprise_id, o.id AS org_id, o.name AS org_name, o.path, o.is_joint
           FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id
          WHERE oe.enterprise_id IN (SELECT id FROM ent)
            AND o.kind <> 'group' AND NOT o.is_temporary AND NOT (o.kind = 'committee' AND o.is_joint)
          ORDER BY oe.enterprise_id, o.is_joint, nlevel(o.path), o.name, o.id
       ), per_index AS (
         SELECT l.enterprise_id, x.index_key, avg(x.score) AS score
           FROM link l JOIN organisation b ON b.path <@ l.path
           JOIN index_snapshot x ON x.organisation_id = b.id AND x.month = $2::date
          GROUP BY l.enterprise_id, x.index_key
       ), s AS (
         SELECT ent.id AS "enterpriseId", ent.name AS "enterpriseName", l.org_id AS "orgId", l.org_name AS "orgName", l.is_joint AS "isJoint",
                (SELECT count(*) FROM organisation_enterprise oe WHERE oe.organisation_id = l.org_id)::int AS "sharedBy",
                ${INDEX_KEYS.map((k) => `round(max(p.score) FILTER (WHERE p.index_key = '${k}'), 1)::float8 AS ${k}`).join(', ')},
                round(avg(p.score), 1)::float8 AS overall
           FROM ent LEFT JOIN link l ON l.enterprise_id = ent.id LEFT JOIN per_index p ON p.enterprise_id = ent.id
          GROUP BY ent.id, ent.name, l.org_id, l.org_name, l.is_joint
       )
       SELECT CASE WHEN ${col} IS NULL THEN NULL ELSE rank() OVER (ORDER BY ${col} DESC NULLS LAST)::int END AS rank, s.*,
              count(*) OVER ()::int AS total, (count(overall) OVER ())::int AS scored
         FROM s ORDER BY ${col} DESC NULLS LAST, "enterpriseName", "enterpriseId" LIMIT $3`,
      [committeePath, monthDate(month), limit],
    );
  }

  /** A branch's snapshots in the given months, with the version of the definition each used. */
  async snapshots(orgId: string, months: string[], indexKey?: IndexKey): Promise<SnapshotRow[]> {
    return this.db.query(
      `SELECT to_char(x.month, 'YYYY-MM') AS month, x.index_key AS "indexKey", x.score::float8 AS score, x.parts,
              x.definition_id AS "definitionId", d.version
         FROM index_snapshot x JOIN index_definition d ON d.id = x.definition_id
        WHERE x.organisation_id = $1 AND x.month = ANY($2::date[]) AND ($3::varchar IS NULL OR x.index_key = $3)
        ORDER BY x.month`,
      [orgId, months.map(monthDate), indexKey ?? null],
    );
  }

  /** The branch's rank per index among the branches under `committeePath` in the month. */
  async ranksWithin(committeePath: string, orgId: string, month: string): Promise<Array<{ indexKey: IndexKey; rank: number; of: number }>> {
    return this.reports.query(
      `SELECT "indexKey", rank, "of" FROM (
         SELECT x.organisation_id, x.index_key AS "indexKey",
                rank() OVER (PARTITION BY x.index_key ORDER BY x.score DESC)::int AS rank, count(*) OVER (PARTITION BY x.index_key)::int AS "of"
           FROM index_snapshot x JOIN organisation o ON o.id = x.organisation_id
          WHERE x.month = $2::date AND o.path <@ $1::ltree) r
        WHERE r.organisation_id = $3`,
      [committeePath, monthDate(month), orgId],
    );
  }

  /** The nearest committee at or above the organisation (rankings are within it). */
  async nearestCommittee(orgPath: string): Promise<{ id: string; name: string; path: string } | null> {
    const rows: Array<{ id: string; name: string; path: string }> = await this.db.query(
      `SELECT id, name, path::text AS path FROM organisation WHERE kind = 'committee' AND path @> $1::ltree ORDER BY nlevel(path) DESC LIMIT 1`,
      [orgPath],
    );
    return rows[0] ?? null;
  }

  async org(orgId: string): Promise<{ id: string; name: string; kind: string; path: string } | null> {
    const rows: Array<{ id: string; name: string; kind: string; path: string }> = await this.db.query(
      `SELECT id, name, kind, path::text AS path FROM organisation WHERE id = $1`,
      [orgId],
    );
    return rows[0] ?? null;
  }

  async definition(id: string): Promise<DefinitionRow | null> {
    const rows: DefinitionRow[] = await this.db.query(`${DEF_SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** For each index, the definition in force for `orgPath` in `month` (the same pick as the recompute). */
  async inForce(orgPath: string, month: string): Promise<DefinitionRow[]> {
    return this.db.query(
      `SELECT p.* FROM unnest($3::varchar[]) AS k(key)
         CROSS JOIN LATERAL (${DEF_SELECT}
                              WHERE d.index_key = k.key AND d.effective_month <= $2::date AND (d.committee_id IS NULL OR c.path @> $1::ltree)
                              ${PICK_ORDER}) p`,
      [orgPath, monthDate(month), INDEX_KEYS],
    );
  }

  /** Every version the committee published, and the defaults, newest first. */
  async history(committeeId: string): Promise<DefinitionRow[]> {
    return this.db.query(`${DEF_SELECT} WHERE d.committee_id = $1 OR d.committee_id IS NULL ORDER BY d.index_key, d.committee_id NULLS LAST, d.version DESC`, [
      committeeId,
    ]);
  }

  /** The next version number of the committee's index; a concurrent publish loses on UQ_index_definition_version. */
  async insertDefinition(
    em: EntityManager,
    d: { committeeId: string; indexKey: IndexKey; effectiveMonth: string; terms: StoredIndexTerm[]; note: string | null; createdBy: string | null },
  ): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO index_definition (committee_id, index_key, version, effective_month, terms, note, created_by)
       SELECT $1::uuid, $2::varchar, COALESCE(max(version), 0) + 1, $3::date, $4::jsonb, $5, $6 FROM index_definition WHERE committee_id = $1::uuid AND index_key = $2::varchar
       RETURNING id`,
      [d.committeeId, d.indexKey, monthDate(d.effectiveMonth), JSON.stringify(d.terms), d.note, d.createdBy],
    );
    return r!.id;
  }
}
