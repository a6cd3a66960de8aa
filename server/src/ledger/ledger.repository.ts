import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CoveringLink, OfficerRole, Term } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredLedgerChange } from './ledger.entities.js';

/** The stored fields of a ledger entry, as the service compares and writes them. */
export type LedgerRow = {
  name: string;
  creditCode: string;
  industry: string | null;
  employees: number | null;
  foundedOn: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  declaredMembers: number;
  notes: string | null;
  listedOn: string;
  leftOn: string | null;
};
import type { LedgerFields } from '@dangjian/shared';

/** A ledger row from given fields: what is absent is empty, no declared members, listed `today`. */
export const ledgerRow = (f: LedgerFields, today: string): LedgerRow => ({
  name: f.name,
  creditCode: f.creditCode,
  industry: f.industry ?? null,
  employees: f.employees ?? null,
  foundedOn: f.foundedOn ?? null,
  address: f.address ?? null,
  contactName: f.contactName ?? null,
  contactPhone: f.contactPhone ?? null,
  declaredMembers: f.declaredMembers ?? 0,
  notes: f.notes ?? null,
  listedOn: f.listedOn ?? today,
  leftOn: f.leftOn ?? null,
});
export const LEDGER_ROW_FIELDS = [
  'name',
  'creditCode',
  'industry',
  'employees',
  'foundedOn',
  'address',
  'contactName',
  'contactPhone',
  'declaredMembers',
  'notes',
  'listedOn',
  'leftOn',
] as const satisfies ReadonlyArray<keyof LedgerRow>;

const ROW_COLUMNS = `e.name, e.credit_code AS "creditCode", e.industry, e.employees, e.founded_on::text AS "foundedOn", e.address,
  e.contact_name AS "contactName", e.contact_phone AS "contactPhone", e.declared_members AS "declaredMembers", e.notes,
  e.listed_on::text AS "listedOn", e.left_on::text AS "leftOn"`;

export type StoredEntry = LedgerRow & { id: string; committeeId: string | null; committeePath: string | null };
/** What coverage needs of one enterprise (shared LedgerFacts) plus what lists filter on. */
export type FactsRow = {
  id: string;
  name: string;
  creditCode: string;
  committeeId: string;
  employees: number | null;
  listedOn: string;
  leftOn: string | null;
  links: CoveringLink[];
  fullMembers: number;
  officers: Term[];
  visits: Array<{ userId: string; visitedOn: string }>;
};
export type EntryDisplay = {
  id: string;
  committeeName: string;
  rollMembers: number;
  rollFullMembers: number;
  coveringOrgs: Array<{ id: string; name: string; isJoint: boolean }>;
  officers: Array<{ role: OfficerRole; userId: string; name: string }>;
  lastVisitOn: string | null;
};
export type AppointmentRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  role: OfficerRole;
  userId: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  committeePath: string;
};
export type VisitRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  visitedOn: string;
  userId: string;
  visitorName: string;
  peopleMet: string;
  topics: string;
  problems: string | null;
  followUps: string | null;
};
export type TargetRow = { year: number; orgTarget: number; workTarget: number; visitsPerYear: number; minEmployees: number };

/** Enterprise ledger, coverage inputs, officers and visits (K1–K4, S1): all their SQL. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(run: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(run);
  }

  async org(id: string): Promise<{ id: string; name: string; kind: string; path: string } | null> {
    const rows: Array<{ id: string; name: string; kind: string; path: string }> = await this.db.query(
      `SELECT id, name, kind, path::text AS path FROM organisation WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The committees of a subtree, path order (for per-committee coverage rows). */
  committeesUnder(rootPath: string): Promise<Array<{ id: string; name: string; path: string; depth: number }>> {
    return this.db.query(
      `SELECT id, name, path::text AS path, nlevel(path) AS depth FROM organisation WHERE kind = 'committee' AND path <@ $1::ltree ORDER BY path`,
      [rootPath],
    );
  }

  /**
   * Every ledger entry of the committees in the subtree with what coverage needs: covering links
   * (organisation kind, joint/temporary, since its founding), full members from the roll plus the
   * declared ones, officers' terms and visits since `visitsFrom`. Five set-based reads, no per-row query.
   */
  async facts(rootPath: string, visitsFrom: string): Promise<FactsRow[]> {
    const rows: Array<Omit<FactsRow, 'links' | 'officers' | 'visits' | 'fullMembers'> & { declared: number }> = await this.db.query(
      `SELECT e.id, e.name, e.credit_code AS "creditCode", e.committee_id AS "committeeId", e.employees, e.listed_on::text AS "listedOn",
              e.left_on::text AS "leftOn", e.declared_members AS declared
         FROM enterprise e JOIN organisation c ON c.id = e.committee_id
        WHERE c.path <@ $1::ltree`,
      [rootPath],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [links, counts, officers, visits] = await Promise.all([
      this.db.query<Array<CoveringLink & { id: string }>>(
        `SELECT oe.enterprise_id AS id, o.kind, o.is_joint AS "isJoint", o.is_temporary AS "isTemporary",
                COALESCE(o.established_on, o.created_at::date)::text AS since
           FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id
          WHERE oe.enterprise_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.rollCounts(ids),
      this.db.query<Array<Term & { id: string }>>(
        `SELECT enterprise_id AS id, role, user_id AS "userId", starts_on::text AS "startsOn", ends_on::text AS "endsOn"
           FROM enterprise_officer WHERE enterprise_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.db.query<Array<{ id: string; userId: string; visitedOn: string }>>(
        `SELECT enterprise_id AS id, user_id AS "userId", visited_on::text AS "visitedOn"
           FROM enterprise_visit WHERE enterprise_id = ANY($1::uuid[]) AND visited_on >= $2`,
        [ids, visitsFrom],
      ),
    ]);
    const group = <T extends { id: string }>(list: T[]) => {
      const m = new Map<string, Array<Omit<T, 'id'>>>();
      for (const { id, ...rest } of list) {
        const arr = m.get(id);
        if (arr) arr.push(rest);
        else m.set(id, [rest]);
      }
      return m;
    };
    const linkMap = group(links);
    const officerMap = group(officers);
    const visitMap = group(visits);
    return rows.map(({ declared, ...r }) => ({
      ...r,
      links: linkMap.get(r.id) ?? [],
      fullMembers: (counts.get(r.id)?.full ?? 0) + declared,
      officers: officerMap.get(r.id) ?? [],
      visits: visitMap.get(r.id) ?? [],
    }));
  }

  /** Members on the roll (not departed) whose record names the enterprise, all and full. */
  private async rollCounts(ids: string[]): Promise<Map<string, { all: number; full: number }>> {
    const rows: Array<{ id: string; all: number; full: number }> = await this.db.query(
      `SELECT enterprise_id AS id, count(*)::int AS all, (count(*) FILTER (WHERE status = 'full'))::int AS full
         FROM member WHERE enterprise_id = ANY($1::uuid[]) AND left_at IS NULL GROUP BY enterprise_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** What a list shows beyond the facts, for one page of entries. */
  async display(ids: string[], today: string): Promise<Map<string, EntryDisplay>> {
    if (ids.length === 0) return new Map();
    const [rows, counts] = await Promise.all([
      this.db.query<Array<Omit<EntryDisplay, 'rollMembers' | 'rollFullMembers'>>>(
        `SELECT e.id, c.name AS "committeeName",
                COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'isJoint', o.is_joint) ORDER BY o.is_joint, o.name)
                            FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id
                           WHERE oe.enterprise_id = e.id AND o.kind <> 'group' AND NOT o.is_temporary
                             AND NOT (o.kind = 'committee' AND o.is_joint)), '[]') AS "coveringOrgs",
                COALESCE((SELECT json_agg(json_build_object('role', f.role, 'userId', f.user_id, 'name', u.display_name) ORDER BY f.starts_on)
                            FROM enterprise_officer f JOIN user_account u ON u.id = f.user_id
                           WHERE f.enterprise_id = e.id AND f.starts_on <= $2 AND (f.ends_on IS NULL OR f.ends_on >= $2)), '[]') AS officers,
                (SELECT max(v.visited_on)::text FROM enterprise_visit v WHERE v.enterprise_id = e.id) AS "lastVisitOn"
           FROM enterprise e JOIN organisation c ON c.id = e.committee_id
          WHERE e.id = ANY($1::uuid[])`,
        [ids, today],
      ),
      this.rollCounts(ids),
    ]);
    return new Map(rows.map((r) => [r.id, { ...r, rollMembers: counts.get(r.id)?.all ?? 0, rollFullMembers: counts.get(r.id)?.full ?? 0 }]));
  }

  async fullRows(ids: string[]): Promise<Map<string, LedgerRow & { id: string }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<LedgerRow & { id: string }> = await this.db.query(`SELECT e.id, ${ROW_COLUMNS} FROM enterprise e WHERE e.id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** `lock`: FOR UPDATE OF e, for a change. */
  async find(id: string, o: { manager?: EntityManager; lock?: boolean } = {}): Promise<StoredEntry | null> {
    const rows: StoredEntry[] = await (o.manager ?? this.db.manager).query(
      `SELECT e.id, e.committee_id AS "committeeId", c.path::text AS "committeePath", ${ROW_COLUMNS}
         FROM enterprise e LEFT JOIN organisation c ON c.id = e.committee_id WHERE e.id = $1${o.lock ? ' FOR UPDATE OF e' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The enterprises holding these credit codes, locked: an import updates or adopts them. */
  byCreditCodes(tx: EntityManager, codes: string[]): Promise<StoredEntry[]> {
    return tx.query(
      `SELECT e.id, e.committee_id AS "committeeId", c.path::text AS "committeePath", ${ROW_COLUMNS}
         FROM enterprise e LEFT JOIN organisation c ON c.id = e.committee_id WHERE e.credit_code = ANY($1) ORDER BY e.id FOR UPDATE OF e`,
      [codes],
    );
  }

  /** Insert many entries in one statement; answers their ids in input order. */
  async insertMany(tx: EntityManager, committeeId: string, rows: LedgerRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof LedgerRow>(k: K) => rows.map((r) => r[k]);
    const inserted: Array<{ id: string; ord: string }> = await tx.query(
      `INSERT INTO enterprise (committee_id, name, credit_code, industry, employees, founded_on, address, contact_name, contact_phone, declared_members, notes, listed_on, left_on)
       SELECT $1, x.name, x.credit_code, x.industry, x.employees, x.founded_on, x.address, x.contact_name, x.contact_phone, x.declared_members, x.notes, x.listed_on, x.left_on
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::date[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::date[], $13::date[])
              WITH ORDINALITY AS x(name, credit_code, industry, employees, founded_on, address, contact_name, contact_phone, declared_members, notes, listed_on, left_on, ord)
       ORDER BY x.ord
       RETURNING id, credit_code`,
      [committeeId, ...LEDGER_ROW_FIELDS.map(col)],
    );
    // RETURNING follows the insert order of a single INSERT … SELECT … ORDER BY; map by code to be sure.
    const byCode = new Map((inserted as unknown as Array<{ id: string; credit_code: string }>).map((r) => [r.credit_code, r.id]));
    return rows.map((r) => byCode.get(r.creditCode)!);
  }

  /** Write the fields (and the committee, adopting an enterprise into this ledger) of many entries. */
  async updateMany(tx: EntityManager, committeeId: string, rows: Array<LedgerRow & { id: string }>): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof LedgerRow>(k: K) => rows.map((r) => r[k]);
    await tx.query(
      `UPDATE enterprise e SET committee_id = $1, name = x.name, credit_code = x.credit_code, industry = x.industry, employees = x.employees,
              founded_on = x.founded_on, address = x.address, contact_name = x.contact_name, contact_phone = x.contact_phone,
              declared_members = x.declared_members, notes = x.notes, listed_on = x.listed_on, left_on = x.left_on, updated_at = now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::date[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[], $13::date[], $14::date[])
              AS x(id, name, credit_code, industry, employees, founded_on, address, contact_name, contact_phone, declared_members, notes, listed_on, left_on)
        WHERE e.id = x.id`,
      [committeeId, rows.map((r) => r.id), ...LEDGER_ROW_FIELDS.map(col)],
    );
  }

  async insertChanges(
    tx: EntityManager,
    by: { userId: string; name: string },
    source: 'create' | 'edit' | 'import',
    rows: Array<{ enterpriseId: string; changes: StoredLedgerChange[] }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO enterprise_change (enterprise_id, changed_by, changed_by_name, source, changes)
       SELECT x.id, $1, $2, $3, x.changes FROM unnest($4::uuid[], $5::jsonb[]) AS x(id, changes)`,
      [by.userId, by.name, source, rows.map((r) => r.enterpriseId), rows.map((r) => JSON.stringify(r.changes))],
    );
  }

  history(id: string): Promise<Array<{ at: Date; byName: string; source: 'create' | 'edit' | 'import'; changes: StoredLedgerChange[] }>> {
    return this.db.query(
      `SELECT created_at AS at, changed_by_name AS "byName", source, changes FROM enterprise_change WHERE enterprise_id = $1 ORDER BY created_at DESC, id LIMIT 100`,
      [id],
    );
  }

  // ---- Targets (K4, S1 and K2 parameters) ----

  /** The target of the committee, or of its nearest ancestor that set one for the year. */
  async target(path: string, year: number): Promise<TargetRow | null> {
    const rows: TargetRow[] = await this.db.query(
      `SELECT t.year, t.org_target AS "orgTarget", t.work_target AS "workTarget", t.visits_per_year AS "visitsPerYear", t.min_employees AS "minEmployees"
         FROM coverage_target t JOIN organisation o ON o.id = t.organisation_id
        WHERE o.path @> $1::ltree AND t.year = $2 ORDER BY nlevel(o.path) DESC LIMIT 1`,
      [path, year],
    );
    return rows[0] ?? null;
  }

  async upsertTarget(tx: EntityManager, orgId: string, t: TargetRow): Promise<void> {
    await tx.query(
      `INSERT INTO coverage_target (organisation_id, year, org_target, work_target, visits_per_year, min_employees) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organisation_id, year) DO UPDATE SET org_target = EXCLUDED.org_target, work_target = EXCLUDED.work_target,
         visits_per_year = EXCLUDED.visits_per_year, min_employees = EXCLUDED.min_employees, updated_at = now()`,
      [orgId, t.year, t.orgTarget, t.workTarget, t.visitsPerYear, t.minEmployees],
    );
  }

  // ---- Officers and visits (S1) ----

  private readonly APPOINTMENT = `SELECT f.id, f.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", f.role, f.user_id AS "userId", u.display_name AS name,
      f.starts_on::text AS "startsOn", f.ends_on::text AS "endsOn", c.path::text AS "committeePath"
    FROM enterprise_officer f JOIN enterprise e ON e.id = f.enterprise_id JOIN organisation c ON c.id = e.committee_id JOIN user_account u ON u.id = f.user_id`;

  appointmentsOf(enterpriseId: string): Promise<AppointmentRow[]> {
    return this.db.query(`${this.APPOINTMENT} WHERE f.enterprise_id = $1 ORDER BY f.ends_on IS NOT NULL, f.starts_on DESC`, [enterpriseId]);
  }

  appointmentsOfUser(userId: string): Promise<AppointmentRow[]> {
    return this.db.query(`${this.APPOINTMENT} WHERE f.user_id = $1 ORDER BY e.name, f.starts_on`, [userId]);
  }

  async appointment(id: string, tx?: EntityManager): Promise<AppointmentRow | null> {
    const rows: AppointmentRow[] = await (tx ?? this.db.manager).query(`${this.APPOINTMENT} WHERE f.id = $1${tx ? ' FOR UPDATE OF f' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async insertAppointment(
    tx: EntityManager,
    a: { enterpriseId: string; role: OfficerRole; userId: string; startsOn: string; endsOn: string | null; appointedBy: string },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO enterprise_officer (enterprise_id, role, user_id, starts_on, ends_on, appointed_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [a.enterpriseId, a.role, a.userId, a.startsOn, a.endsOn, a.appointedBy],
    );
    return row!.id;
  }

  async endAppointment(tx: EntityManager, id: string, endsOn: string): Promise<void> {
    await tx.query(`UPDATE enterprise_officer SET ends_on = $2, updated_at = now() WHERE id = $1`, [id, endsOn]);
  }

  /** Accounts that may be appointed: members of the subtree with an account, and accounts holding a role there. */
  candidates(rootPath: string, q: string, pattern: string): Promise<Array<{ userId: string; name: string; orgName: string | null }>> {
    return this.db.query(
      `SELECT DISTINCT ON (u.id) u.id AS "userId", u.display_name AS name, o.name AS "orgName"
         FROM user_account u
         LEFT JOIN member m ON m.id = u.member_id
         LEFT JOIN role_assignment r ON r.user_id = u.id
         LEFT JOIN organisation o ON o.id = COALESCE(m.organisation_id, r.organisation_id)
        WHERE u.disabled_at IS NULL AND o.path <@ $1::ltree AND (u.display_name ILIKE $2 OR u.username = $3)
        ORDER BY u.id LIMIT 20`,
      [rootPath, pattern, q],
    );
  }

  async userExists(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM user_account WHERE id = $1 AND disabled_at IS NULL`, [userId]);
    return rows.length > 0;
  }

  private readonly VISIT = `SELECT v.id, v.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", v.visited_on::text AS "visitedOn", v.user_id AS "userId",
      u.display_name AS "visitorName", v.people_met AS "peopleMet", v.topics, v.problems, v.follow_ups AS "followUps"
    FROM enterprise_visit v JOIN enterprise e ON e.id = v.enterprise_id JOIN user_account u ON u.id = v.user_id`;

  visitsOf(enterpriseId: string): Promise<VisitRow[]> {
    return this.db.query(`${this.VISIT} WHERE v.enterprise_id = $1 ORDER BY v.visited_on DESC, v.created_at DESC LIMIT 100`, [enterpriseId]);
  }

  visitsOfUser(userId: string, from: string, to: string): Promise<VisitRow[]> {
    return this.db.query(`${this.VISIT} WHERE v.user_id = $1 AND v.visited_on BETWEEN $2 AND $3 ORDER BY v.visited_on DESC`, [userId, from, to]);
  }

  async visit(id: string): Promise<VisitRow | null> {
    const rows: VisitRow[] = await this.db.query(`${this.VISIT} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insertVisit(
    tx: EntityManager,
    v: { enterpriseId: string; userId: string; visitedOn: string; peopleMet: string; topics: string; problems: string | null; followUps: string | null },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO enterprise_visit (enterprise_id, user_id, visited_on, people_met, topics, problems, follow_ups) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.enterpriseId, v.userId, v.visitedOn, v.peopleMet, v.topics, v.problems, v.followUps],
    );
    return row!.id;
  }
}
