import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OPEN_TRANSFER_STATES,
  ROLE_PERMISSIONS,
  type Role,
  type StoredTransferState,
  type TransferAction,
  type TransferActor,
  type TransferKind,
  type TransferQueue,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type OrgRow = { id: string; name: string; kind: string; path: string };
/** S4: a temporary branch holds no formal relationship, so it is never a transfer's destination. */
export type OrgTarget = OrgRow & { isTemporary: boolean };
export type TransferRow = {
  id: string;
  kind: TransferKind;
  state: StoredTransferState;
  memberId: string;
  memberName: string;
  startedBy: 'member' | 'branch' | 'committee';
  applicantUserId: string | null;
  fromOrgId: string | null;
  fromOrgPath: string | null;
  fromCommitteeId: string | null;
  fromCommitteePath: string | null;
  fromOrgName: string;
  toOrgId: string | null;
  toOrgPath: string | null;
  toCommitteeId: string | null;
  toCommitteePath: string | null;
  toOrgName: string;
  reason: string | null;
  validityDays: number;
  memberPhoneEnc: string | null;
  memberPhoneMasked: string | null;
  paperLetterNumber: string | null;
  awaiting: TransferActor | null;
  awaitingPath: string | null;
  dueOn: string | null;
  acceptedAt: Date | null;
  receiptAt: Date | null;
  reportedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
/** An open transfer whose deadline passed (T6 alert). */
export type DueAlertRow = {
  id: string;
  state: string;
  member_id: string;
  member_name: string;
  from_committee_path: string | null;
  to_committee_path: string | null;
  due_on: string;
};

/** A member a T6/T8 scan looked at: what a review case would record, and whether one is due. */
export type ScanCandidate = { memberId: string; organisationId: string; orgPath: string; details: Record<string, unknown>; due: boolean };

export type TransferRecord = TransferRow & { fromCommitteeName: string | null; toCommitteeName: string | null };
export type StepRow = {
  id: string;
  action: TransferAction;
  fromState: string;
  toState: string;
  actor: TransferActor;
  actorName: string;
  reason: string | null;
  at: Date;
};
export type LetterRow = {
  id: string;
  transferId: string;
  committeeId: string;
  number: string;
  issuedOn: string;
  validityDays: number;
  validUntil: string;
  fields: Record<string, unknown>;
  usedAt: Date | null;
  revokedAt: Date | null;
};
export type MemberForTransfer = {
  id: string;
  name: string;
  organisationId: string;
  orgPath: string;
  orgName: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  status: 'full' | 'probationary';
  phoneEnc: string | null;
  phoneMasked: string | null;
  nationalIdEnc: string | null;
  nationalIdMasked: string | null;
  flags: string[];
  groupId: string | null;
  leftAt: Date | null;
};

/** Roles that act for an organisation on transfers (transfer.manage): who is notified (platform admins only by their own queue). */
export const TRANSFER_MANAGING_ROLES: Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter(
  (r) => ROLE_PERMISSIONS[r].includes('transfer.manage') && r !== 'platform_admin',
);

const OPEN_SQL = `t.state IN (${OPEN_TRANSFER_STATES.map((s) => `'${s}'`).join(',')})`;
const COLUMNS = `t.id, t.kind, t.state, t.member_id AS "memberId", t.member_name AS "memberName", t.started_by AS "startedBy",
  t.applicant_user_id AS "applicantUserId", t.from_org_id AS "fromOrgId", t.from_org_path::text AS "fromOrgPath",
  t.from_committee_id AS "fromCommitteeId", t.from_committee_path::text AS "fromCommitteePath", t.from_org_name AS "fromOrgName",
  t.to_org_id AS "toOrgId", t.to_org_path::text AS "toOrgPath", t.to_committee_id AS "toCommitteeId",
  t.to_committee_path::text AS "toCommitteePath", t.to_org_name AS "toOrgName", t.reason, t.validity_days AS "validityDays",
  t.member_phone_enc AS "memberPhoneEnc", t.member_phone_masked AS "memberPhoneMasked", t.paper_letter_number AS "paperLetterNumber", t.awaiting, t.awaiting_path::text AS "awaitingPath",
  to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.accepted_at AS "acceptedAt", t.receipt_at AS "receiptAt", t.reported_at AS "reportedAt",
  t.closed_at AS "closedAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The columns `update` may set (camelCase → column). */
const SETTABLE: Record<string, string> = {
  state: 'state',
  toOrgId: 'to_org_id',
  toOrgPath: 'to_org_path',
  toCommitteeId: 'to_committee_id',
  toCommitteePath: 'to_committee_path',
  toOrgName: 'to_org_name',
  reason: 'reason',
  validityDays: 'validity_days',
  awaiting: 'awaiting',
  awaitingPath: 'awaiting_path',
  dueOn: 'due_on',
  acceptedAt: 'accepted_at',
  receiptAt: 'receipt_at',
  reportedAt: 'reported_at',
  closedAt: 'closed_at',
  memberPhoneEnc: 'member_phone_enc',
  memberPhoneMasked: 'member_phone_masked',
};

/** Data access of the transfer module (no rules here). */
@Injectable()
export class TransfersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async org(id: string, em: EntityManager = this.db.manager): Promise<OrgTarget | null> {
    const [row] = await em.query(`SELECT id, name, kind, path::text AS path, is_temporary AS "isTemporary" FROM organisation WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The 基层党委: the nearest ancestor-or-self of kind committee. */
  async committeeOf(path: string, em: EntityManager = this.db.manager): Promise<OrgRow | null> {
    const [row] = await em.query(
      `SELECT id, name, kind, path::text AS path FROM organisation WHERE path @> $1::ltree AND kind = 'committee' ORDER BY nlevel(path) DESC LIMIT 1`,
      [path],
    );
    return row ?? null;
  }

  async member(id: string, em: EntityManager = this.db.manager, lock = false): Promise<MemberForTransfer | null> {
    const [row] = await em.query(
      `SELECT m.id, m.name, m.organisation_id AS "organisationId", m.org_path::text AS "orgPath", o.name AS "orgName", m.gender, m.ethnicity,
              to_char(m.birth_date, 'YYYY-MM-DD') AS "birthDate", m.status, m.phone_enc AS "phoneEnc", m.phone_masked AS "phoneMasked", m.national_id_enc AS "nationalIdEnc",
              m.national_id_masked AS "nationalIdMasked", m.flags, m.group_id AS "groupId", m.left_at AS "leftAt"
         FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async insert(
    em: EntityManager,
    t: Omit<TransferRow, 'id' | 'createdAt' | 'updatedAt' | 'closedAt' | 'receiptAt' | 'reportedAt'> & { acceptedAt: Date | null },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO transfer (kind, state, member_id, member_name, started_by, applicant_user_id, from_org_id, from_org_path, from_committee_id,
         from_committee_path, from_org_name, to_org_id, to_org_path, to_committee_id, to_committee_path, to_org_name, reason, validity_days,
         member_phone_enc, member_phone_masked, paper_letter_number, awaiting, awaiting_path, due_on, accepted_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8::ltree,$9,$10::ltree,$11,$12,$13::ltree,$14,$15::ltree,$16,$17,$18,$19,$20,$21,$22,$23::ltree,$24,$25) RETURNING id`,
      [
        t.kind,
        t.state,
        t.memberId,
        t.memberName,
        t.startedBy,
        t.applicantUserId,
        t.fromOrgId,
        t.fromOrgPath,
        t.fromCommitteeId,
        t.fromCommitteePath,
        t.fromOrgName,
        t.toOrgId,
        t.toOrgPath,
        t.toCommitteeId,
        t.toCommitteePath,
        t.toOrgName,
        t.reason,
        t.validityDays,
        t.memberPhoneEnc,
        t.memberPhoneMasked,
        t.paperLetterNumber,
        t.awaiting,
        t.awaitingPath,
        t.dueOn,
        t.acceptedAt,
      ],
    );
    return row.id;
  }

  async update(em: EntityManager, id: string, changes: Partial<TransferRow>): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [k, v] of Object.entries(changes)) {
      const col = SETTABLE[k];
      if (!col || v === undefined) continue;
      params.push(v);
      sets.push(`${col} = $${params.length}${col.endsWith('_path') ? '::ltree' : ''}`);
    }
    await em.query(`UPDATE transfer SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
  }

  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<TransferRecord | null> {
    const [row] = await em.query(
      `SELECT ${COLUMNS}, fc.name AS "fromCommitteeName", tc.name AS "toCommitteeName"
         FROM transfer t LEFT JOIN organisation fc ON fc.id = t.from_committee_id LEFT JOIN organisation tc ON tc.id = t.to_committee_id
        WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async addStep(
    em: EntityManager,
    s: {
      transferId: string;
      action: TransferAction;
      fromState: string;
      toState: string;
      actor: TransferActor;
      actorUserId: string | null;
      actorName: string;
      reason: string | null;
    },
  ) {
    await em.query(
      `INSERT INTO transfer_step (transfer_id, action, from_state, to_state, actor, actor_user_id, actor_name, reason) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [s.transferId, s.action, s.fromState, s.toState, s.actor, s.actorUserId, s.actorName, s.reason],
    );
  }

  steps(transferId: string): Promise<StepRow[]> {
    return this.db.query(
      `SELECT id, action, from_state AS "fromState", to_state AS "toState", actor, actor_name AS "actorName", reason, at
         FROM transfer_step WHERE transfer_id = $1 ORDER BY at, id`,
      [transferId],
    );
  }

  // ---- letters (T4)

  /** The next number of a committee's year: the upsert locks the counter row until the transaction ends. */
  async nextLetterSeq(em: EntityManager, committeeId: string, year: number): Promise<number> {
    const [row] = await em.query(
      `INSERT INTO transfer_letter_counter (committee_id, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (committee_id, year) DO UPDATE SET last_seq = transfer_letter_counter.last_seq + 1 RETURNING last_seq`,
      [committeeId, year],
    );
    return row.last_seq;
  }

  async insertLetter(em: EntityManager, l: Omit<LetterRow, 'id' | 'usedAt' | 'revokedAt'> & { year: number; seq: number }): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO transfer_letter (transfer_id, committee_id, year, seq, number, issued_on, validity_days, valid_until, fields)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [l.transferId, l.committeeId, l.year, l.seq, l.number, l.issuedOn, l.validityDays, l.validUntil, JSON.stringify(l.fields)],
    );
    return row.id;
  }

  async letterOf(transferId: string, em: EntityManager = this.db.manager): Promise<LetterRow | null> {
    const [row] = await em.query(`${LETTER_SELECT} WHERE transfer_id = $1`, [transferId]);
    return row ?? null;
  }

  async letter(id: string): Promise<LetterRow | null> {
    const [row] = await this.db.query(`${LETTER_SELECT} WHERE id = $1`, [id]);
    return row ?? null;
  }

  async markLetter(em: EntityManager, transferId: string, what: 'used' | 'revoked') {
    await em.query(
      `UPDATE transfer_letter SET ${what === 'used' ? 'used_at' : 'revoked_at'} = now() WHERE transfer_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [transferId],
    );
  }

  // ---- queues and lists

  /** Rewrites the transfers' rows of the queues (`transfer_queue`) after a change, in the same transaction. */
  async refreshQueue(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(`SELECT transfer_queue_refresh($1::uuid[])`, [ids]);
  }

  /**
   * One queue over the organisations `rootIds` (disjoint subtrees) and the three counts, from
   * `transfer_queue`. 待办: the organisation that acts next lies in scope (`mine`). 待对方办理: either side
   * in scope, the next action elsewhere (the other side, the member or the applicant). 逾期: either
   * side in scope, past the current step's deadline. With one root (the usual case) pages come in
   * order straight from the index and counts are index-only; several roots are grouped per transfer.
   */
  async queue(p: {
    rootIds: string[];
    queue: TransferQueue;
    today: string;
    limit: number;
    offset: number;
  }): Promise<{ rows: TransferRow[]; counts: Record<TransferQueue, number> }> {
    const source =
      p.rootIds.length === 1
        ? `SELECT transfer_id, mine, updated_at, due_on FROM transfer_queue WHERE org_id = $1::uuid`
        : `SELECT transfer_id, bool_or(mine) AS mine, max(updated_at) AS updated_at, max(due_on) AS due_on FROM transfer_queue WHERE org_id = ANY($1::uuid[]) GROUP BY transfer_id`;
    const root = p.rootIds.length === 1 ? p.rootIds[0] : p.rootIds;
    const where = { todo: 'q.mine', waiting: 'NOT q.mine', overdue: 'q.due_on < $2::date' }[p.queue];
    const key = p.queue === 'overdue' ? 'due_on' : 'updated_at';
    // One root: three index-only range counts; several: over the per-transfer grouping.
    const countSql =
      p.rootIds.length === 1
        ? `SELECT (SELECT count(*) FROM transfer_queue WHERE org_id = $1::uuid AND mine)::int AS todo,
                  (SELECT count(*) FROM transfer_queue WHERE org_id = $1::uuid AND NOT mine)::int AS waiting,
                  (SELECT count(*) FROM transfer_queue WHERE org_id = $1::uuid AND due_on < $2::date)::int AS overdue`
        : `SELECT count(*) FILTER (WHERE q.mine)::int AS todo, count(*) FILTER (WHERE NOT q.mine)::int AS waiting,
                  count(*) FILTER (WHERE q.due_on < $2::date)::int AS overdue FROM (${source}) q`;
    const [rows, [counts]] = await Promise.all([
      this.db.query(
        `WITH page AS (SELECT q.transfer_id, q.${key} AS k FROM (${source}) q WHERE ${where} ORDER BY q.${key}, q.transfer_id LIMIT ${p.limit} OFFSET ${p.offset})
         SELECT ${COLUMNS} FROM page JOIN transfer t ON t.id = page.transfer_id ORDER BY page.k, page.transfer_id`,
        p.queue === 'overdue' ? [root, p.today] : [root],
      ),
      this.db.query(countSql, [root, p.today]),
    ]);
    return { rows, counts };
  }

  async ofMember(p: { memberId: string | null; userId: string; limit: number; offset: number }): Promise<{ rows: TransferRow[]; total: number }> {
    const where = `(t.member_id = $1 OR t.applicant_user_id = $2)`;
    const [rows, [c]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM transfer t WHERE ${where} ORDER BY t.created_at DESC, t.id LIMIT ${p.limit} OFFSET ${p.offset}`, [
        p.memberId,
        p.userId,
      ]),
      this.db.query(`SELECT count(*)::int AS n FROM transfer t WHERE ${where}`, [p.memberId, p.userId]),
    ]);
    return { rows, total: c.n };
  }

  /** M2: 流动党员 accepted at a host in `root`'s subtree. */
  async mobileHosted(p: { root: string; limit: number; offset: number }): Promise<{ rows: TransferRow[]; total: number }> {
    const where = `t.kind = 'mobile' AND t.state IN ('accepted','completed') AND t.to_org_path <@ $1::ltree`;
    const [rows, [c]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM transfer t WHERE ${where} ORDER BY t.accepted_at DESC, t.id LIMIT ${p.limit} OFFSET ${p.offset}`, [p.root]),
      this.db.query(`SELECT count(*)::int AS n FROM transfer t WHERE ${where}`, [p.root]),
    ]);
    return { rows, total: c.n };
  }

  async destinations(p: {
    q: string | null;
    exclude: string | null;
    limit: number;
    offset: number;
  }): Promise<{ rows: Array<{ id: string; name: string; kind: 'committee' | 'branch' }>; total: number }> {
    const where = `kind IN ('committee','branch') AND NOT is_temporary AND ($1::text IS NULL OR name ILIKE '%' || $1 || '%') AND ($2::uuid IS NULL OR id <> $2)`;
    const q = p.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null;
    const [rows, [c]] = await Promise.all([
      this.db.query(`SELECT id, name, kind FROM organisation WHERE ${where} ORDER BY name, id LIMIT ${p.limit} OFFSET ${p.offset}`, [q, p.exclude]),
      this.db.query(`SELECT count(*)::int AS n FROM organisation WHERE ${where}`, [q, p.exclude]),
    ]);
    return { rows, total: c.n };
  }

  /**
   * Users who act for the organisation at `path`: holders of a role with transfer.manage on the
   * nearest organisation at or above it that has any (a branch's secretary before the committee's
   * worker; platform-wide roles only when nobody nearer can act).
   */
  async actorsAt(em: EntityManager, path: string, roles: ReadonlyArray<string>): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await em.query(
      `WITH holders AS (
         SELECT ra.user_id, nlevel(o.path) AS depth FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
          WHERE o.path @> $1::ltree AND ra.role = ANY($2::text[])
         UNION ALL
         SELECT u.id, nlevel(o.path) FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
           JOIN user_account u ON u.member_id = cp.member_id
          WHERE o.path @> $1::ltree AND cp.ended_on IS NULL AND cp.position = ANY($2::text[]))
       SELECT DISTINCT user_id FROM holders WHERE depth = (SELECT max(depth) FROM holders)`,
      [path, roles],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * T6 alerts due: open transfers of the subtrees (`roots`; null: all) past their deadline and not yet
   * alerted for it, at most `limit`, locked (SKIP LOCKED: instances share the work).
   */
  dueAlerts(em: EntityManager, p: { today: string; roots: string[] | null; limit: number }): Promise<DueAlertRow[]> {
    const scope = p.roots ? `(t.from_org_path <@ $2::ltree[] OR t.to_org_path <@ $2::ltree[])` : `$2::ltree[] IS NULL`;
    return em.query(
      `SELECT t.id, t.state, t.member_id, t.member_name, t.from_committee_path::text, t.to_committee_path::text, to_char(t.due_on, 'YYYY-MM-DD') AS due_on
         FROM transfer t WHERE ${OPEN_SQL} AND t.due_on < $1::date AND t.alerted_due_on IS DISTINCT FROM t.due_on AND ${scope}
        LIMIT ${p.limit} FOR UPDATE SKIP LOCKED`,
      [p.today, p.roots],
    );
  }

  async markAlerted(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE transfer SET alerted_due_on = due_on WHERE id = $1`, [id]);
  }

  /**
   * T6: members of the subtrees (`roots`; null: all) with an open transfer; `due` when neither an
   * attended meeting nor the transfer's start lies on or after `cutoff`.
   */
  async inTransit(p: { cutoff: string; roots: string[] | null }): Promise<ScanCandidate[]> {
    const scope = p.roots ? `mb.org_path <@ $2::ltree[]` : `$2::ltree[] IS NULL`;
    return this.db.query(
      `WITH cand AS (
         SELECT mb.id, mb.organisation_id, mb.org_path, t.id AS transfer_id,
                (SELECT max(m.starts_at) FROM meeting_checkin c JOIN meeting m ON m.id = c.meeting_id
                  WHERE c.member_id = mb.id AND c.status = 'confirmed' AND m.cancelled_at IS NULL) AS last_at, t.created_at AS since
           FROM transfer t JOIN member mb ON mb.id = t.member_id WHERE ${OPEN_SQL} AND ${scope})
       SELECT id AS "memberId", organisation_id AS "organisationId", org_path::text AS "orgPath",
              jsonb_build_object('rule', 'T6', 'transferId', transfer_id, 'lastAttendedAt', last_at, 'inTransitSince', since) AS details,
              greatest(coalesce(last_at, '-infinity'::timestamptz), since) < $1::date AS due
         FROM cand`,
      [p.cutoff, p.roots],
    );
  }

  /** T8: current members of the subtrees flagged lost contact; `due` when flagged on or before `cutoff`. */
  async lostContact(p: { cutoff: string; roots: string[] | null }): Promise<ScanCandidate[]> {
    const scope = p.roots ? `mb.org_path <@ $2::ltree[]` : `$2::ltree[] IS NULL`;
    return this.db.query(
      `WITH cand AS (
         SELECT mb.id, mb.organisation_id, mb.org_path,
                coalesce((SELECT max(c.changed_at) FROM member_status_change c
                           WHERE c.member_id = mb.id AND c.field = 'flag:lost_contact' AND c.to_value = 'true'), mb.created_at) AS since
           FROM member mb WHERE 'lost_contact' = ANY(mb.flags) AND mb.left_at IS NULL AND ${scope})
       SELECT id AS "memberId", organisation_id AS "organisationId", org_path::text AS "orgPath",
              jsonb_build_object('rule', 'T8', 'lostContactSince', since) AS details, since <= $1::date AS due
         FROM cand`,
      [p.cutoff, p.roots],
    );
  }

  /** The caller's side of the queue (T2) for these organisations: one row per transfer. */
  todoQueue(
    orgIds: string[],
  ): Promise<Array<{ id: string; member_name: string; from_org_name: string; to_org_name: string; due_on: string | null; org_id: string }>> {
    return this.db.query(
      `SELECT DISTINCT ON (t.id) t.id, t.member_name, t.from_org_name, t.to_org_name, q.due_on::text AS due_on, q.org_id
         FROM transfer_queue q JOIN transfer t ON t.id = q.transfer_id
        WHERE q.org_id = ANY($1::uuid[]) AND q.mine ORDER BY t.id LIMIT 100`,
      [orgIds],
    );
  }

  async usersOfMember(em: EntityManager, memberId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM user_account WHERE member_id = $1 AND disabled_at IS NULL`, [memberId]);
    return rows.map((r) => r.id);
  }
}

const LETTER_SELECT = `SELECT id, transfer_id AS "transferId", committee_id AS "committeeId", number, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
  validity_days AS "validityDays", to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", fields, used_at AS "usedAt", revoked_at AS "revokedAt"
  FROM transfer_letter`;
