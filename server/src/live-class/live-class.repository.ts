import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LiveStreamKind, NewsCommentState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type LiveClassRow = {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  topic: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  hostMemberId: string;
  hostName: string;
  streamKind: LiveStreamKind;
  streamUrl: string | null;
  courseId: string;
  lessonId: string;
  recordingLessonId: string | null;
  hostAwardedAt: Date | null;
  attendeeCount: number;
};
export type LiveCommentRow = { id: string; memberId: string; authorName: string; body: string; state: NewsCommentState; createdAt: Date };

const CLASS = `SELECT c.id, c.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", c.topic, c.summary,
       c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.host_member_id AS "hostMemberId", hm.name AS "hostName",
       c.stream_kind AS "streamKind", c.stream_url AS "streamUrl", c.course_id AS "courseId", c.lesson_id AS "lessonId",
       c.recording_lesson_id AS "recordingLessonId", c.host_awarded_at AS "hostAwardedAt",
       (SELECT count(*)::int FROM study_progress p WHERE p.lesson_id = c.lesson_id AND p.completed_at IS NOT NULL) AS "attendeeCount"
  FROM live_class c JOIN organisation o ON o.id = c.organisation_id JOIN member hm ON hm.id = c.host_member_id`;

const LIST_MAX = 100;

/** All SQL of 红色直播间 (attendance is read from the study module's progress of the class's lesson). */
@Injectable()
export class LiveClassRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<LiveClassRow | null> {
    const rows: LiveClassRow[] = await em.query(`${CLASS} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Classes of organisations on the member's path (their branch and the committees above) or below `roots`. */
  async list(memberPath: string | null, roots: string[]): Promise<LiveClassRow[]> {
    return this.db.query(
      `${CLASS} WHERE ($1::ltree IS NOT NULL AND o.path @> $1::ltree) OR o.path <@ ANY($2::ltree[]) ORDER BY c.starts_at DESC LIMIT ${LIST_MAX}`,
      [memberPath, roots],
    );
  }

  async insert(
    em: EntityManager,
    c: Omit<LiveClassRow, 'id' | 'orgName' | 'orgPath' | 'hostName' | 'attendeeCount' | 'hostAwardedAt'> & { createdBy: string },
  ): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO live_class (organisation_id, topic, summary, starts_at, ends_at, host_member_id, stream_kind, stream_url, course_id, lesson_id, recording_lesson_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [c.orgId, c.topic, c.summary, c.startsAt, c.endsAt, c.hostMemberId, c.streamKind, c.streamUrl, c.courseId, c.lessonId, c.recordingLessonId, c.createdBy],
    );
    return r!.id;
  }

  async setRecording(em: EntityManager, id: string, lessonId: string): Promise<void> {
    await em.query(`UPDATE live_class SET recording_lesson_id = $2, updated_at = now() WHERE id = $1`, [id, lessonId]);
  }

  async markHostAwarded(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(`UPDATE live_class SET host_awarded_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  // ---- rota ----

  async rota(orgId: string): Promise<Array<{ memberId: string; name: string; hostedCount: number }>> {
    return this.db.query(
      `SELECT r.member_id AS "memberId", m.name, (SELECT count(*)::int FROM live_class c WHERE c.organisation_id = r.organisation_id AND c.host_member_id = r.member_id) AS "hostedCount"
         FROM live_host_rota r JOIN member m ON m.id = r.member_id WHERE r.organisation_id = $1 AND m.left_at IS NULL ORDER BY r.position`,
      [orgId],
    );
  }

  async lastHost(orgId: string, em: EntityManager = this.db.manager): Promise<string | null> {
    const rows: Array<{ host: string }> = await em.query(
      `SELECT host_member_id AS host FROM live_class WHERE organisation_id = $1 ORDER BY starts_at DESC, created_at DESC LIMIT 1`,
      [orgId],
    );
    return rows[0]?.host ?? null;
  }

  async replaceRota(em: EntityManager, orgId: string, memberIds: string[]): Promise<void> {
    await em.query(`DELETE FROM live_host_rota WHERE organisation_id = $1`, [orgId]);
    if (memberIds.length)
      await em.query(
        `INSERT INTO live_host_rota (organisation_id, member_id, position) SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
        [orgId, memberIds],
      );
  }

  /** Members (on the roll) whose organisation lies in the subtree of `orgPath`, out of `ids`. */
  async membersWithin(ids: string[], orgPath: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM member WHERE id = ANY($1::uuid[]) AND org_path <@ $2::ltree AND left_at IS NULL`, [
      ids,
      orgPath,
    ]);
    return rows.map((r) => r.id);
  }

  async orgPath(orgId: string): Promise<string | null> {
    const rows: Array<{ path: string }> = await this.db.query(`SELECT path::text AS path FROM organisation WHERE id = $1`, [orgId]);
    return rows[0]?.path ?? null;
  }

  async lockOrg(em: EntityManager, orgId: string): Promise<void> {
    await em.query(`SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE`, [orgId]);
  }

  // ---- comments (the news comments' moderation) ----

  async comments(classId: string, memberId: string | null, all: boolean): Promise<LiveCommentRow[]> {
    return this.db.query(
      `SELECT id, member_id AS "memberId", author_name AS "authorName", body, state, created_at AS "createdAt" FROM live_class_comment
        WHERE class_id = $1 AND (state = 'approved' OR $3 OR member_id = $2) ORDER BY created_at, id LIMIT 500`,
      [classId, memberId, all],
    );
  }

  async comment(classId: string, commentId: string): Promise<LiveCommentRow | null> {
    const rows: LiveCommentRow[] = await this.db.query(
      `SELECT id, member_id AS "memberId", author_name AS "authorName", body, state, created_at AS "createdAt" FROM live_class_comment WHERE class_id = $1 AND id = $2`,
      [classId, commentId],
    );
    return rows[0] ?? null;
  }

  async insertComment(em: EntityManager, c: { classId: string; memberId: string; authorName: string; body: string }): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO live_class_comment (class_id, member_id, author_name, body) VALUES ($1, $2, $3, $4) RETURNING id`,
      [c.classId, c.memberId, c.authorName, c.body],
    );
    return r!.id;
  }

  async approveComment(em: EntityManager, commentId: string, by: string): Promise<void> {
    await em.query(`UPDATE live_class_comment SET state = 'approved', approved_by = $2, approved_at = now(), updated_at = now() WHERE id = $1`, [
      commentId,
      by,
    ]);
  }

  async deleteComment(em: EntityManager, commentId: string): Promise<void> {
    await em.query(`DELETE FROM live_class_comment WHERE id = $1`, [commentId]);
  }
}
