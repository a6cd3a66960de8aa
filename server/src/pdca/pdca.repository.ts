import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PdcaEvidenceLink, PdcaPlanState, PdcaRubricItem, PdcaTalkState, PdcaTaskState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type PlanRow = {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  title: string;
  year: number;
  quarter: number | null;
  description: string;
  dueOn: string;
  threshold: number;
  rubric: PdcaRubricItem[];
  state: PdcaPlanState;
  createdBy: string | null;
};

export type TaskRow = {
  id: string;
  planId: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  state: PdcaTaskState;
  summary: string | null;
  links: PdcaEvidenceLink[];
  submittedAt: Date | null;
  returnReason: string | null;
  average: number | null;
  scoredBy: number;
};

export type SheetRow = {
  assignmentId: string;
  scorerId: string;
  scorerName: string;
  scores: Record<string, number>;
  total: number;
  comment: string;
  updatedAt: Date;
};
export type TalkRow = {
  id: string;
  assignmentId: string;
  planId: string;
  planTitle: string;
  planOrgPath: string;
  orgId: string;
  orgName: string;
  average: number;
  state: PdcaTalkState;
  heldOn: string | null;
  attendees: string | null;
  content: string | null;
  followUp: string | null;
  recorderName: string | null;
};
export type EvidenceFileRow = { id: string; name: string | null; contentType: string; sizeBytes: number };
export type PlanFields = Pick<PlanRow, 'title' | 'year' | 'quarter' | 'description' | 'dueOn' | 'threshold' | 'rubric'>;

const PLAN = `SELECT p.id, p.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", p.title, p.year, p.quarter,
       p.description, p.due_on::text AS "dueOn", p.threshold::float8 AS threshold, p.rubric, p.state, p.created_by AS "createdBy"
  FROM pdca_plan p JOIN organisation o ON o.id = p.organisation_id`;

const TASK = `SELECT a.id, a.plan_id AS "planId", a.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", a.state,
       a.summary, a.links, a.submitted_at AS "submittedAt", a.return_reason AS "returnReason", a.average::float8 AS average,
       (SELECT count(*)::int FROM pdca_score s WHERE s.assignment_id = a.id) AS "scoredBy"
  FROM pdca_assignment a JOIN organisation o ON o.id = a.organisation_id`;

const TALK = `SELECT t.id, t.assignment_id AS "assignmentId", p.id AS "planId", p.title AS "planTitle", po.path::text AS "planOrgPath",
       a.organisation_id AS "orgId", o.name AS "orgName", a.average::float8 AS average, t.state, t.held_on::text AS "heldOn",
       t.attendees, t.content, t.follow_up AS "followUp", u.display_name AS "recorderName"
  FROM pdca_talk t JOIN pdca_assignment a ON a.id = t.assignment_id JOIN pdca_plan p ON p.id = a.plan_id
  JOIN organisation po ON po.id = p.organisation_id JOIN organisation o ON o.id = a.organisation_id
  LEFT JOIN user_account u ON u.id = t.recorded_by`;

/** Lists are a committee's plans and a branch's tasks of a few years: bounded, never paged. */
const LIST_MAX = 200;

/** Every SQL statement of PDCA (K6). */
@Injectable()
export class PdcaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // --- plans ---

  /** `lock`: FOR UPDATE for a plan step; FOR SHARE under a task step, so a submission and the start of scoring serialise. */
  async plan(id: string, em: EntityManager = this.db.manager, lock?: 'update' | 'share'): Promise<PlanRow | null> {
    const rows: PlanRow[] = await em.query(`${PLAN} WHERE p.id = $1${lock ? ` FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'} OF p` : ''}`, [id]);
    return rows[0] ?? null;
  }

  async plansUnder(roots: string[]): Promise<PlanRow[]> {
    if (!roots.length) return [];
    return this.db.query(`${PLAN} WHERE o.path <@ ANY($1::ltree[]) ORDER BY p.year DESC, p.quarter DESC NULLS LAST, p.created_at DESC LIMIT ${LIST_MAX}`, [
      roots,
    ]);
  }

  /** Branch tasks per state of each plan. */
  async stateCounts(planIds: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (!planIds.length) return out;
    const rows: Array<{ planId: string; state: string; n: number }> = await this.db.query(
      `SELECT plan_id AS "planId", state, count(*)::int AS n FROM pdca_assignment WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id, state`,
      [planIds],
    );
    for (const r of rows) out.set(r.planId, { ...out.get(r.planId), [r.state]: r.n });
    return out;
  }

  async insertPlan(em: EntityManager, orgId: string, f: PlanFields, by: string): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO pdca_plan (organisation_id, title, year, quarter, description, due_on, threshold, rubric, state, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'draft', $9) RETURNING id`,
      [orgId, f.title, f.year, f.quarter, f.description, f.dueOn, f.threshold, JSON.stringify(f.rubric), by],
    );
    return r!.id;
  }

  async updatePlan(em: EntityManager, id: string, f: PlanFields): Promise<void> {
    await em.query(
      `UPDATE pdca_plan SET title = $2, year = $3, quarter = $4, description = $5, due_on = $6, threshold = $7, rubric = $8::jsonb, updated_at = now() WHERE id = $1`,
      [id, f.title, f.year, f.quarter, f.description, f.dueOn, f.threshold, JSON.stringify(f.rubric)],
    );
  }

  async setPlanState(em: EntityManager, id: string, state: PdcaPlanState): Promise<void> {
    await em.query(
      `UPDATE pdca_plan SET state = $2::varchar, reported_at = CASE WHEN $2::varchar = 'reported' THEN now() ELSE reported_at END, updated_at = now() WHERE id = $1`,
      [id, state],
    );
  }

  /** The branches' ids among `ids` that lie strictly below the committee `root` and are branches or general branches. */
  async branchesBelow(root: string, ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM organisation WHERE id = ANY($1::uuid[]) AND path <@ $2::ltree AND path <> $2::ltree AND kind IN ('branch', 'general_branch')`,
      [ids, root],
    );
    return rows.map((r) => r.id);
  }

  /** The branches under `root`, for the plan editor. */
  async branchesUnder(root: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.query(
      `SELECT id, name FROM organisation WHERE path <@ $1::ltree AND path <> $1::ltree AND kind IN ('branch', 'general_branch') ORDER BY path LIMIT 500`,
      [root],
    );
  }

  /**
   * Who may score for the committee: accounts with a role on the committee itself or a seat on its
   * committee (党委委员), and org workers above it.
   */
  async scorerCandidates(orgId: string, orgPath: string): Promise<Array<{ id: string; name: string; note: string }>> {
    return this.db.query(
      `SELECT u.id, u.display_name AS name, string_agg(DISTINCT x.note, '、') AS note FROM (
         SELECT ra.user_id, o.name || ' · ' || ra.role AS note FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
          WHERE ra.organisation_id = $1 OR ($2::ltree <@ o.path AND ra.role IN ('org_worker', 'platform_admin'))
         UNION ALL
         SELECT u2.id, o.name || ' · ' || cp.position FROM committee_position cp JOIN user_account u2 ON u2.member_id = cp.member_id
           JOIN organisation o ON o.id = cp.organisation_id WHERE cp.organisation_id = $1 AND cp.ended_on IS NULL
       ) x JOIN user_account u ON u.id = x.user_id GROUP BY u.id, u.display_name ORDER BY u.display_name LIMIT 200`,
      [orgId, orgPath],
    );
  }

  async scorers(planId: string, em: EntityManager = this.db.manager): Promise<Array<{ id: string; name: string }>> {
    return em.query(
      `SELECT u.id, u.display_name AS name FROM pdca_plan_scorer s JOIN user_account u ON u.id = s.user_id WHERE s.plan_id = $1 ORDER BY u.display_name`,
      [planId],
    );
  }

  async isScorer(planId: string, userId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM pdca_plan_scorer WHERE plan_id = $1 AND user_id = $2`, [planId, userId]);
    return rows.length > 0;
  }

  async existingUsers(ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM user_account WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.id);
  }

  async replaceScorers(em: EntityManager, planId: string, userIds: string[]): Promise<void> {
    await em.query(`DELETE FROM pdca_plan_scorer WHERE plan_id = $1`, [planId]);
    await em.query(`INSERT INTO pdca_plan_scorer (plan_id, user_id) SELECT $1, unnest($2::uuid[])`, [planId, userIds]);
  }

  /** A draft's branches become exactly `orgIds` (tasks of branches no longer listed go; a draft has no evidence yet). Returns the new tasks' ids. */
  async replaceTasks(em: EntityManager, planId: string, orgIds: string[]): Promise<string[]> {
    await em.query(`DELETE FROM pdca_assignment WHERE plan_id = $1 AND NOT (organisation_id = ANY($2::uuid[]))`, [planId, orgIds]);
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO pdca_assignment (plan_id, organisation_id, state) SELECT $1, unnest($2::uuid[]), 'assigned'
       ON CONFLICT ON CONSTRAINT "UQ_pdca_assignment_branch" DO NOTHING RETURNING id`,
      [planId, orgIds],
    );
    return rows.map((r) => r.id);
  }

  // --- tasks ---

  async task(id: string, em: EntityManager = this.db.manager, lock = false): Promise<TaskRow | null> {
    const rows: TaskRow[] = await em.query(`${TASK} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async tasksOfPlan(planId: string, em: EntityManager = this.db.manager): Promise<TaskRow[]> {
    return em.query(`${TASK} WHERE a.plan_id = $1 ORDER BY o.path`, [planId]);
  }

  /** Published tasks of branches under `roots` (a branch's own: its pdca.submit subtree). */
  async tasksOfBranches(
    roots: string[],
  ): Promise<Array<TaskRow & { planTitle: string; year: number; quarter: number | null; planState: PdcaPlanState; dueOn: string }>> {
    if (!roots.length) return [];
    return this.db.query(
      `SELECT t.*, p.title AS "planTitle", p.year, p.quarter, p.state AS "planState", p.due_on::text AS "dueOn"
         FROM (${TASK} WHERE o.path <@ ANY($1::ltree[])) t JOIN pdca_plan p ON p.id = t."planId"
        WHERE p.state <> 'draft' ORDER BY p.due_on DESC, t."orgName" LIMIT ${LIST_MAX}`,
      [roots],
    );
  }

  /** Tasks of the plans `userId` scores (published or later), with their own sheet's total. */
  async tasksToScore(
    userId: string,
  ): Promise<Array<TaskRow & { planTitle: string; year: number; quarter: number | null; planState: PdcaPlanState; dueOn: string; myTotal: number | null }>> {
    return this.db.query(
      `SELECT t.*, p.title AS "planTitle", p.year, p.quarter, p.state AS "planState", p.due_on::text AS "dueOn",
              (SELECT s.total::float8 FROM pdca_score s WHERE s.assignment_id = t.id AND s.scorer_id = $1) AS "myTotal"
         FROM pdca_plan_scorer ps JOIN pdca_plan p ON p.id = ps.plan_id JOIN (${TASK}) t ON t."planId" = p.id
        WHERE ps.user_id = $1 AND p.state <> 'draft' ORDER BY p.due_on DESC, t."orgName" LIMIT ${LIST_MAX}`,
      [userId],
    );
  }

  /** Tasks in `state` of plans whose committee lies under `roots` (the committee's queue). */
  async tasksInState(roots: string[], state: PdcaTaskState): Promise<Array<TaskRow & { planTitle: string }>> {
    if (!roots.length) return [];
    return this.db.query(
      `SELECT t.*, p.title AS "planTitle" FROM (${TASK} WHERE a.state = $2) t JOIN pdca_plan p ON p.id = t."planId"
         JOIN organisation po ON po.id = p.organisation_id WHERE po.path <@ ANY($1::ltree[]) ORDER BY t."submittedAt" LIMIT ${LIST_MAX}`,
      [roots, state],
    );
  }

  async saveTask(
    em: EntityManager,
    id: string,
    to: PdcaTaskState,
    c: { summary?: string; links?: PdcaEvidenceLink[]; by?: string; returnReason: string | null; average?: number },
  ): Promise<void> {
    await em.query(
      `UPDATE pdca_assignment SET state = $2::varchar, return_reason = $3,
              summary = COALESCE($4::text, summary), links = COALESCE($5::jsonb, links),
              submitted_at = CASE WHEN $2::varchar = 'submitted' THEN now() ELSE submitted_at END,
              submitted_by = CASE WHEN $2::varchar = 'submitted' THEN $6::uuid ELSE submitted_by END,
              average = COALESCE($7::numeric, average), updated_at = now()
        WHERE id = $1`,
      [id, to, c.returnReason, c.summary ?? null, c.links ? JSON.stringify(c.links) : null, c.by ?? null, c.average ?? null],
    );
  }

  // --- evidence files ---

  async files(assignmentId: string): Promise<EvidenceFileRow[]> {
    return this.db.query(
      `SELECT f.id, f.original_name AS name, f.content_type AS "contentType", f.size_bytes AS "sizeBytes"
         FROM pdca_evidence_file e JOIN stored_file f ON f.id = e.file_id WHERE e.assignment_id = $1 ORDER BY f.created_at`,
      [assignmentId],
    );
  }

  async fileCount(em: EntityManager, assignmentId: string): Promise<number> {
    const [r] = await em.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM pdca_evidence_file WHERE assignment_id = $1`, [assignmentId]);
    return r!.n;
  }

  async addFile(em: EntityManager, assignmentId: string, fileId: string): Promise<void> {
    await em.query(`INSERT INTO pdca_evidence_file (file_id, assignment_id) VALUES ($1, $2)`, [fileId, assignmentId]);
  }

  /** The task a file belongs to (for the access check of a download or a removal). */
  async fileTask(fileId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT assignment_id AS id FROM pdca_evidence_file WHERE file_id = $1`, [fileId]);
    return rows[0]?.id ?? null;
  }

  // --- scores ---

  async sheets(assignmentIds: string[], em: EntityManager = this.db.manager): Promise<SheetRow[]> {
    if (!assignmentIds.length) return [];
    return em.query(
      `SELECT s.assignment_id AS "assignmentId", s.scorer_id AS "scorerId", u.display_name AS "scorerName", s.scores, s.total::float8 AS total,
              s.comment, s.updated_at AS "updatedAt"
         FROM pdca_score s JOIN user_account u ON u.id = s.scorer_id WHERE s.assignment_id = ANY($1::uuid[]) ORDER BY u.display_name`,
      [assignmentIds],
    );
  }

  /** One sheet per scorer and task (the primary key): a second entry replaces the first. */
  async upsertSheet(em: EntityManager, assignmentId: string, scorerId: string, scores: Record<string, number>, total: number, comment: string): Promise<void> {
    await em.query(
      `INSERT INTO pdca_score (assignment_id, scorer_id, scores, total, comment) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (assignment_id, scorer_id) DO UPDATE SET scores = EXCLUDED.scores, total = EXCLUDED.total, comment = EXCLUDED.comment, updated_at = now()`,
      [assignmentId, scorerId, JSON.stringify(scores), total, comment],
    );
  }

  // --- talks ---

  async insertTalk(em: EntityManager, assignmentId: string): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(`INSERT INTO pdca_talk (assignment_id, state) VALUES ($1, 'pending') RETURNING id`, [assignmentId]);
    return r!.id;
  }

  async talk(id: string, em: EntityManager = this.db.manager, lock = false): Promise<TalkRow | null> {
    const rows: TalkRow[] = await em.query(`${TALK} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async talksOfPlan(planId: string, em: EntityManager = this.db.manager): Promise<TalkRow[]> {
    return em.query(`${TALK} WHERE p.id = $1 ORDER BY a.average, o.name`, [planId]);
  }

  async talkOfTask(assignmentId: string): Promise<TalkRow | null> {
    const rows: TalkRow[] = await this.db.query(`${TALK} WHERE t.assignment_id = $1`, [assignmentId]);
    return rows[0] ?? null;
  }

  /** Talks still to hold of plans whose committee lies under `roots`. */
  async pendingTalks(roots: string[]): Promise<TalkRow[]> {
    if (!roots.length) return [];
    return this.db.query(`${TALK} WHERE po.path <@ ANY($1::ltree[]) AND t.state = 'pending' ORDER BY p.reported_at LIMIT ${LIST_MAX}`, [roots]);
  }

  async saveTalk(
    em: EntityManager,
    id: string,
    to: PdcaTalkState,
    c: { heldOn: string; attendees: string; content: string; followUp: string; by: string },
  ): Promise<void> {
    await em.query(
      `UPDATE pdca_talk SET state = $2, held_on = $3, attendees = $4, content = $5, follow_up = $6, recorded_by = $7, updated_at = now() WHERE id = $1`,
      [id, to, c.heldOn, c.attendees, c.content, c.followUp, c.by],
    );
  }

  // --- who to tell ---

  /** Accounts that lead a branch (its secretary, deputy, organisation member; or a role held on it): they submit its task. */
  async branchLeaders(orgIds: string[], em: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const rows: Array<{ orgId: string; userId: string }> = await em.query(
      `SELECT cp.organisation_id AS "orgId", u.id AS "userId" FROM committee_position cp JOIN user_account u ON u.member_id = cp.member_id
        WHERE cp.organisation_id = ANY($1::uuid[]) AND cp.ended_on IS NULL AND cp.position IN ('secretary', 'deputy_secretary', 'organisation_member')
       UNION
       SELECT organisation_id, user_id FROM role_assignment WHERE organisation_id = ANY($1::uuid[]) AND role IN ('secretary', 'deputy_secretary', 'organisation_member')`,
      [orgIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.userId]);
    return out;
  }
}
