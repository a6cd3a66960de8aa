import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestCategory, RequestState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** A request with the names people read. */
export type RequestRow = {
  id: string;
  number: string;
  committeeId: string;
  committeeName: string;
  committeePath: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  requestedBy: string;
  requesterName: string;
  category: RequestCategory;
  title: string;
  description: string;
  state: RequestState;
  departmentId: string | null;
  departmentName: string | null;
  firstResponseDueOn: string;
  resolveDueOn: string;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  closingReason: string | null;
  responseEscalatedAt: Date | null;
  resolutionEscalatedAt: Date | null;
  filedAt: Date;
};

export type RequestPatch = Partial<
  Pick<
    RequestRow,
    'departmentId' | 'firstResponseAt' | 'resolvedAt' | 'closedAt' | 'rating' | 'closingReason' | 'responseEscalatedAt' | 'resolutionEscalatedAt'
  >
>;

export type StepRow = {
  action: string;
  fromState: string;
  toState: string;
  actorId: string | null;
  actorName: string | null;
  text: string | null;
  departmentId: string | null;
  departmentName: string | null;
  rating: number | null;
  at: Date;
};

export type ContactRow = {
  id: string;
  committeeId: string;
  committeeName: string;
  committeePath: string;
  enterpriseId: string;
  enterpriseName: string;
  userId: string;
  userName: string;
  appointedAt: Date;
  revokedAt: Date | null;
};

export type DepartmentRow = {
  id: string;
  committeeId: string;
  committeePath: string;
  name: string;
  active: boolean;
  handlers: Array<{ userId: string; name: string }>;
  openCount: number;
};

export type OrgRef = { id: string; name: string; path: string; kind: string };

/** Which requests a list reads: the filer's (and their enterprises'), a handler's departments', or committees' subtrees. */
export type RequestScope =
  { kind: 'mine'; userId: string; enterpriseIds: string[] } | { kind: 'handling'; userId: string } | { kind: 'committee'; roots: string[] };

export type RequestFilter = { state?: RequestState; category?: RequestCategory; departmentId?: string; overdueOn?: string };

export type StatRow = {
  key: string;
  total: number;
  open: number;
  resolved: number;
  overdue: number;
  avgResolveDays: number | null;
  avgRating: number | null;
  rated: number;
};

const SELECT = `SELECT r.id, r.number, r.committee_id AS "committeeId", c.name AS "committeeName", c.path::text AS "committeePath",
       r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", r.requested_by AS "requestedBy", ru.display_name AS "requesterName",
       r.category, r.title, r.description, r.state, r.department_id AS "departmentId", d.name AS "departmentName",
       to_char(r.first_response_due_on, 'YYYY-MM-DD') AS "firstResponseDueOn", to_char(r.resolve_due_on, 'YYYY-MM-DD') AS "resolveDueOn",
       r.first_response_at AS "firstResponseAt", r.resolved_at AS "resolvedAt", r.closed_at AS "closedAt", r.rating,
       r.closing_reason AS "closingReason", r.response_escalated_at AS "responseEscalatedAt", r.resolution_escalated_at AS "resolutionEscalatedAt",
       r.created_at AS "filedAt"
  FROM enterprise_request r
  JOIN organisation c ON c.id = r.committee_id
  JOIN user_account ru ON ru.id = r.requested_by
  LEFT JOIN enterprise e ON e.id = r.enterprise_id
  LEFT JOIN service_department d ON d.id = r.department_id`;

const OPEN = `r.state NOT IN ('closed','withdrawn','rejected')`;
/** Overdue on `$n` (China's today): past the first-response day before anyone took it up, or past the resolution day while unresolved. */
const overdueOn = (n: number) =>
  `((r.state IN ('submitted','routed') AND r.first_response_due_on < $${n}::date) OR (${OPEN} AND r.state <> 'resolved' AND r.resolve_due_on < $${n}::date))`;

/** The roles that carry request.manage on a committee (platform admins are not told). */
export const REQUEST_MANAGING_ROLES = ['org_worker', 'secretary', 'deputy_secretary'] as const;

@Injectable()
export class RequestsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async org(id: string): Promise<OrgRef | null> {
    const rows: OrgRef[] = await this.db.query(`SELECT id, name, path::text AS path, kind FROM organisation WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The nearest 党委 at or above `path` (where a member's requests go). */
  async committeeAbove(path: string): Promise<OrgRef | null> {
    const rows: OrgRef[] = await this.db.query(
      `SELECT id, name, path::text AS path, kind FROM organisation WHERE path @> $1::ltree AND kind = 'committee' ORDER BY nlevel(path) DESC LIMIT 1`,
      [path],
    );
    return rows[0] ?? null;
  }

  /** The enterprise's name when one of the organisations of the committee's subtree serves it. */
  /** Served by an organisation of the subtree, or kept in the ledger of a committee of the subtree (an uncovered enterprise needs service most). */
  async enterpriseInSubtree(enterpriseId: string, committeePath: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.db.query(
      `SELECT e.name FROM enterprise e WHERE e.id = $1 AND (
         EXISTS (SELECT 1 FROM organisation c WHERE c.id = e.committee_id AND c.path <@ $2::ltree)
         OR EXISTS (
           SELECT 1 FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id WHERE oe.enterprise_id = e.id AND o.path <@ $2::ltree))`,
      [enterpriseId, committeePath],
    );
    return rows[0]?.name ?? null;
  }

  // ---- contacts ---------------------------------------------------------------------------

  private readonly contactSelect = `SELECT k.id, k.committee_id AS "committeeId", c.name AS "committeeName", c.path::text AS "committeePath",
       k.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", k.user_id AS "userId", u.display_name AS "userName",
       k.created_at AS "appointedAt", k.revoked_at AS "revokedAt"
  FROM enterprise_contact k JOIN organisation c ON c.id = k.committee_id JOIN enterprise e ON e.id = k.enterprise_id JOIN user_account u ON u.id = k.user_id`;

  async liveContactsOf(userId: string): Promise<ContactRow[]> {
    return this.db.query(`${this.contactSelect} WHERE k.user_id = $1 AND k.revoked_at IS NULL ORDER BY e.name`, [userId]);
  }

  async contactsOfCommittee(committeeId: string): Promise<ContactRow[]> {
    return this.db.query(`${this.contactSelect} WHERE k.committee_id = $1 ORDER BY k.revoked_at NULLS FIRST, e.name LIMIT 500`, [committeeId]);
  }

  async contact(id: string, em: EntityManager = this.db.manager): Promise<ContactRow | null> {
    const rows: ContactRow[] = await em.query(`${this.contactSelect} WHERE k.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Throws the unique violation of UQ_enterprise_contact_live when the account already speaks for the enterprise. */
  async insertContact(em: EntityManager, c: { committeeId: string; enterpriseId: string; userId: string; appointedBy: string }): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO enterprise_contact (committee_id, enterprise_id, user_id, appointed_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [c.committeeId, c.enterpriseId, c.userId, c.appointedBy],
    );
    return r!.id;
  }

  async revokeContact(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(`UPDATE enterprise_contact SET revoked_at = $2, updated_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
  }

  async userExists(userId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM user_account WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  /** Accounts of members in the subtree or holding a role there, by name (handler and contact pickers). */
  async accounts(committeePath: string, q: string, limit = 20): Promise<Array<{ userId: string; name: string }>> {
    return this.db.query(
      `SELECT u.id AS "userId", u.display_name AS name FROM user_account u
        WHERE u.display_name ILIKE '%' || $2 || '%'
          AND (EXISTS (SELECT 1 FROM member m WHERE m.id = u.member_id AND m.org_path <@ $1::ltree AND m.left_at IS NULL)
               OR EXISTS (SELECT 1 FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id WHERE ra.user_id = u.id AND o.path <@ $1::ltree)
               OR EXISTS (SELECT 1 FROM service_department_handler h JOIN service_department d ON d.id = h.department_id JOIN organisation o ON o.id = d.committee_id
                           WHERE h.user_id = u.id AND o.path <@ $1::ltree)
               OR EXISTS (SELECT 1 FROM enterprise_contact k JOIN organisation o ON o.id = k.committee_id WHERE k.user_id = u.id AND o.path <@ $1::ltree))
        ORDER BY u.display_name LIMIT ${limit}`,
      [committeePath, q.replace(/[\\%_]/g, (c) => `\\${c}`)],
    );
  }

  // ---- departments ------------------------------------------------------------------------

  private readonly departmentSelect = `SELECT d.id, d.committee_id AS "committeeId", c.path::text AS "committeePath", d.name, d.active,
       COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'name', u.display_name) ORDER BY u.display_name)
                   FROM service_department_handler h JOIN user_account u ON u.id = h.user_id WHERE h.department_id = d.id), '[]'::json) AS handlers,
       (SELECT count(*)::int FROM enterprise_request r WHERE r.department_id = d.id AND ${OPEN}) AS "openCount"
  FROM service_department d JOIN organisation c ON c.id = d.committee_id`;

  async departments(committeeId: string): Promise<DepartmentRow[]> {
    return this.db.query(`${this.departmentSelect} WHERE d.committee_id = $1 ORDER BY d.active DESC, d.name`, [committeeId]);
  }

  async department(id: string, em: EntityManager = this.db.manager): Promise<DepartmentRow | null> {
    const rows: DepartmentRow[] = await em.query(`${this.departmentSelect} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async departmentsOfHandler(userId: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.query(
      `SELECT d.id, d.name FROM service_department_handler h JOIN service_department d ON d.id = h.department_id WHERE h.user_id = $1 AND d.active ORDER BY d.name`,
      [userId],
    );
  }

  async isHandler(departmentId: string, userId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM service_department_handler WHERE department_id = $1 AND user_id = $2`, [departmentId, userId]);
    return rows.length > 0;
  }

  async handlersOf(em: EntityManager, departmentId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await em.query(`SELECT user_id FROM service_department_handler WHERE department_id = $1`, [departmentId]);
    return rows.map((r) => r.user_id);
  }

  /** Throws the unique violation of UQ_service_department_name on a duplicate name. */
  async saveDepartment(
    em: EntityManager,
    id: string | null,
    d: { committeeId: string; name: string; active: boolean; handlerUserIds: string[] },
  ): Promise<string> {
    let depId = id;
    if (depId) {
      await em.query(`UPDATE service_department SET name = $2, active = $3, updated_at = now() WHERE id = $1`, [depId, d.name, d.active]);
    } else {
      const [r] = await em.query<Array<{ id: string }>>(`INSERT INTO service_department (committee_id, name, active) VALUES ($1, $2, $3) RETURNING id`, [
        d.committeeId,
        d.name,
        d.active,
      ]);
      depId = r!.id;
    }
    await em.query(`DELETE FROM service_department_handler WHERE department_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [depId, d.handlerUserIds]);
    await em.query(
      `INSERT INTO service_department_handler (department_id, user_id) SELECT $1, u.id FROM user_account u WHERE u.id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
      [depId, d.handlerUserIds],
    );
    return depId;
  }

  /** Users with request.manage at or above the committee (the nearest holders), told of new and overdue requests. */
  async managersOf(em: EntityManager, committeePath: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await em.query(
      `WITH holders AS (
         SELECT ra.user_id, nlevel(o.path) AS depth FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
          WHERE o.path @> $1::ltree AND ra.role = ANY($2::text[])
         UNION ALL
         SELECT u.id, nlevel(o.path) FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
           JOIN user_account u ON u.member_id = cp.member_id
          WHERE o.path @> $1::ltree AND cp.ended_on IS NULL AND cp.position = ANY($2::text[]))
       SELECT DISTINCT user_id FROM holders WHERE depth = (SELECT max(depth) FROM holders)`,
      [committeePath, REQUEST_MANAGING_ROLES],
    );
    return rows.map((r) => r.user_id);
  }

  // ---- requests ---------------------------------------------------------------------------

  async insertRequest(
    em: EntityManager,
    r: Pick<RequestRow, 'committeeId' | 'enterpriseId' | 'requestedBy' | 'category' | 'title' | 'description' | 'firstResponseDueOn' | 'resolveDueOn'> & {
      filedOn: string;
      at: Date;
    },
  ): Promise<string> {
    const [row] = await em.query<Array<{ id: string }>>(
      `INSERT INTO enterprise_request (number, committee_id, enterprise_id, requested_by, category, title, description, state,
                                       first_response_due_on, resolve_due_on, created_at, updated_at)
       VALUES ('SQ' || replace($9, '-', '') || lpad(nextval('enterprise_request_number_seq')::text, 5, '0'), $1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $10, $10)
       RETURNING id`,
      [r.committeeId, r.enterpriseId, r.requestedBy, r.category, r.title, r.description, r.firstResponseDueOn, r.resolveDueOn, r.filedOn, r.at],
    );
    return row!.id;
  }

  async attachFiles(em: EntityManager, requestId: string, fileIds: string[], userId: string): Promise<number> {
    if (!fileIds.length) return 0;
    // Only files the filer uploaded themselves and nobody attached yet.
    const rows = await em.query(
      `INSERT INTO enterprise_request_file (request_id, file_id)
       SELECT $1, f.id FROM stored_file f WHERE f.id = ANY($2::uuid[]) AND f.created_by = $3
          AND NOT EXISTS (SELECT 1 FROM enterprise_request_file x WHERE x.file_id = f.id)
       RETURNING file_id`,
      [requestId, fileIds, userId],
    );
    return (rows as unknown[]).length;
  }

  async files(requestId: string): Promise<Array<{ id: string; name: string; contentType: string; sizeBytes: number }>> {
    return this.db.query(
      `SELECT f.id, COALESCE(f.original_name, '附件') AS name, f.content_type AS "contentType", f.size_bytes AS "sizeBytes"
         FROM enterprise_request_file x JOIN stored_file f ON f.id = x.file_id WHERE x.request_id = $1 ORDER BY f.created_at`,
      [requestId],
    );
  }

  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<RequestRow | null> {
    const rows: RequestRow[] = await em.query(`${SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async steps(requestId: string): Promise<StepRow[]> {
    return this.db.query(
      `SELECT s.action, s.from_state AS "fromState", s.to_state AS "toState", s.actor_id AS "actorId", u.display_name AS "actorName", s.text,
              s.department_id AS "departmentId", d.name AS "departmentName", s.rating, s.at
         FROM enterprise_request_step s LEFT JOIN user_account u ON u.id = s.actor_id LEFT JOIN service_department d ON d.id = s.department_id
        WHERE s.request_id = $1 ORDER BY s.id`,
      [requestId],
    );
  }

  async insertStep(
    em: EntityManager,
    s: {
      requestId: string;
      action: string;
      from: string;
      to: string;
      actorId: string | null;
      text: string | null;
      departmentId: string | null;
      rating: number | null;
      at: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO enterprise_request_step (request_id, action, from_state, to_state, actor_id, text, department_id, rating, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [s.requestId, s.action, s.from, s.to, s.actorId, s.text, s.departmentId, s.rating, s.at],
    );
  }

  async save(em: EntityManager, id: string, state: RequestState, patch: RequestPatch): Promise<void> {
    const cols: Record<keyof RequestPatch, string> = {
      departmentId: 'department_id',
      firstResponseAt: 'first_response_at',
      resolvedAt: 'resolved_at',
      closedAt: 'closed_at',
      rating: 'rating',
      closingReason: 'closing_reason',
      responseEscalatedAt: 'response_escalated_at',
      resolutionEscalatedAt: 'resolution_escalated_at',
    };
    const keys = (Object.keys(patch) as Array<keyof RequestPatch>).filter((k) => patch[k] !== undefined);
    await em.query(`UPDATE enterprise_request SET state = $2, updated_at = now()${keys.map((k, i) => `, ${cols[k]} = $${i + 3}`).join('')} WHERE id = $1`, [
      id,
      state,
      ...keys.map((k) => patch[k]),
    ]);
  }

  private where(scope: RequestScope, f: RequestFilter, args: unknown[]): string {
    const cond: string[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (scope.kind === 'mine') cond.push(`(r.requested_by = ${arg(scope.userId)} OR r.enterprise_id = ANY(${arg(scope.enterpriseIds)}::uuid[]))`);
    else if (scope.kind === 'handling')
      cond.push(`r.department_id IN (SELECT h.department_id FROM service_department_handler h WHERE h.user_id = ${arg(scope.userId)})`);
    else cond.push(`c.path <@ ANY(${arg(scope.roots)}::ltree[])`);
    if (f.state) cond.push(`r.state = ${arg(f.state)}`);
    if (f.category) cond.push(`r.category = ${arg(f.category)}`);
    if (f.departmentId) cond.push(`r.department_id = ${arg(f.departmentId)}`);
    if (f.overdueOn) {
      args.push(f.overdueOn);
      cond.push(overdueOn(args.length));
    }
    return cond.join(' AND ');
  }

  async list(scope: RequestScope, f: RequestFilter, page: number, pageSize: number): Promise<{ items: RequestRow[]; total: number }> {
    const args: unknown[] = [];
    const where = this.where(scope, f, args);
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM enterprise_request r JOIN organisation c ON c.id = r.committee_id WHERE ${where}`,
      args,
    );
    const items: RequestRow[] = await this.db.query(
      `${SELECT} WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      args,
    );
    return { items, total: n };
  }

  /** Everything of a scope for the export (capped: a committee's requests of a few years). */
  async all(scope: RequestScope, f: RequestFilter, cap = 20_000): Promise<RequestRow[]> {
    const args: unknown[] = [];
    return this.db.query(`${SELECT} WHERE ${this.where(scope, f, args)} ORDER BY r.created_at DESC LIMIT ${cap}`, args);
  }

  /** Open requests waiting for `userId` as handler or requester (to-dos). */
  async waitingFor(userId: string, enterpriseIds: string[]): Promise<RequestRow[]> {
    return this.db.query(
      `${SELECT} WHERE (r.state IN ('routed','in_progress') AND r.department_id IN (SELECT department_id FROM service_department_handler WHERE user_id = $1))
                    OR (r.state IN ('awaiting_info','resolved') AND (r.requested_by = $1 OR r.enterprise_id = ANY($2::uuid[])))
        ORDER BY r.created_at LIMIT 100`,
      [userId, enterpriseIds],
    );
  }

  /** The committees' requests to route, and the overdue ones (to-dos). */
  async committeeQueue(roots: string[], today: string): Promise<RequestRow[]> {
    if (!roots.length) return [];
    return this.db.query(`${SELECT} WHERE c.path <@ ANY($1::ltree[]) AND (r.state = 'submitted' OR ${overdueOn(2)}) ORDER BY r.created_at LIMIT 100`, [
      roots,
      today,
    ]);
  }

  /** Requests whose deadline passed and that were not escalated for it yet, locked (SKIP LOCKED: a step in progress is left for the next run). */
  async escalationCandidates(em: EntityManager, today: string, limit: number): Promise<RequestRow[]> {
    return em.query(
      `${SELECT} WHERE ((r.state IN ('submitted','routed') AND r.first_response_due_on < $1::date AND r.response_escalated_at IS NULL)
                     OR (${OPEN} AND r.state <> 'resolved' AND r.resolve_due_on < $1::date AND r.resolution_escalated_at IS NULL))
        ORDER BY r.created_at LIMIT ${limit} FOR UPDATE OF r SKIP LOCKED`,
      [today],
    );
  }

  async stats(
    roots: string[],
    from: string | null,
    to: string | null,
    today: string,
  ): Promise<{
    total: StatRow;
    byCategory: StatRow[];
    byDepartment: StatRow[];
    byState: Array<{ key: string; total: number }>;
  }> {
    const base = `FROM enterprise_request r JOIN organisation c ON c.id = r.committee_id LEFT JOIN service_department d ON d.id = r.department_id
      WHERE c.path <@ ANY($1::ltree[]) AND ($2::date IS NULL OR (r.created_at AT TIME ZONE 'Asia/Shanghai')::date >= $2::date)
        AND ($3::date IS NULL OR (r.created_at AT TIME ZONE 'Asia/Shanghai')::date <= $3::date)`;
    const measures = `count(*)::int AS total, count(*) FILTER (WHERE ${OPEN})::int AS open,
      count(*) FILTER (WHERE r.resolved_at IS NOT NULL)::int AS resolved, count(*) FILTER (WHERE ${overdueOn(4)})::int AS overdue,
      round(avg(extract(epoch FROM r.resolved_at - r.created_at) / 86400)::numeric, 1)::float AS "avgResolveDays",
      round(avg(r.rating)::numeric, 1)::float AS "avgRating", count(r.rating)::int AS rated`;
    const args = [roots, from, to, today];
    const byCategory: StatRow[] = await this.db.query(`SELECT r.category AS key, ${measures} ${base} GROUP BY r.category ORDER BY total DESC`, args);
    const byDepartment: StatRow[] = await this.db.query(`SELECT COALESCE(d.name, '') AS key, ${measures} ${base} GROUP BY d.name ORDER BY total DESC`, args);
    const [total] = await this.db.query<StatRow[]>(`SELECT '' AS key, ${measures} ${base}`, args);
    // $4 (today) is not needed for states; it is passed to keep one argument list.
    const byState: Array<{ key: string; total: number }> = await this.db.query(
      `SELECT r.state AS key, count(*)::int AS total ${base} AND $4::date IS NOT NULL GROUP BY r.state`,
      args,
    );
    return { total: total!, byCategory, byDepartment, byState };
  }
}
