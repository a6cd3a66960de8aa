import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NewsCommentState, NewsState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** A news item with its organisation's path, the reviewer's and the caller's like. */
export type NewsRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  org_path: string;
  title: string;
  body_html: string;
  cover_file_id: string | null;
  photo_ids: string[];
  meeting_id: string | null;
  meeting_title: string | null;
  meeting_starts_at: Date | null;
  state: NewsState;
  created_by: string | null;
  author_name: string;
  published_at: Date | null;
  updated_at: Date;
  reviewer_org_id: string | null;
  reviewer_name: string | null;
  reviewer_path: string | null;
  return_reason: string | null;
  like_count: number;
  liked: boolean;
};

export type NewsChanges = Partial<{
  title: string;
  body_html: string;
  cover_file_id: string | null;
  photo_ids: string[];
  meeting_id: string | null;
  state: NewsState;
  submitted_at: Date;
  published_at: Date;
  reviewer_org_id: string;
  return_reason: string | null;
}>;

const COLUMNS = `n.id, n.organisation_id, o.name AS org_name, o.path::text AS org_path, n.title, n.body_html, n.cover_file_id, n.photo_ids,
  n.meeting_id, mt.title AS meeting_title, mt.starts_at AS meeting_starts_at, n.state, n.created_by, n.author_name, n.published_at, n.updated_at,
  n.reviewer_org_id, rv.name AS reviewer_name, rv.path::text AS reviewer_path, n.return_reason, n.like_count`;
const FROM = `FROM news n JOIN organisation o ON o.id = n.organisation_id LEFT JOIN organisation rv ON rv.id = n.reviewer_org_id
  LEFT JOIN meeting mt ON mt.id = n.meeting_id`;
/** $1 is the caller's member id (or null). */
const LIKED = `EXISTS (SELECT 1 FROM news_like l WHERE l.news_id = n.id AND l.member_id = $1::uuid) AS liked`;

export type NewsCommentRow = { id: string; news_id: string; member_id: string; author_name: string; body: string; state: NewsCommentState; created_at: Date };
/** Pending comments of one news item, for the moderators' to-do. */
export type PendingCommentsRow = { news_id: string; title: string; organisation_id: string; org_name: string; n: number; oldest: Date };

const COMMENT_COLUMNS = `c.id, c.news_id, c.member_id, c.author_name, c.body, c.state, c.created_at`;

/** All SQL of 党建动态. */
@Injectable()
export class NewsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string, memberId: string | null, em: EntityManager = this.db.manager): Promise<NewsRow | null> {
    const [row] = await em.query<NewsRow[]>(`SELECT ${COLUMNS}, ${LIKED} ${FROM} WHERE n.id = $2`, [memberId, id]);
    return row ?? null;
  }

  /** The row locked for a review step (concurrent steps serialise here; the loser sees the new state). */
  async lock(tx: EntityManager, id: string): Promise<NewsRow | null> {
    await tx.query(`SELECT 1 FROM news WHERE id = $1 FOR UPDATE`, [id]);
    return this.find(id, null, tx);
  }

  async update(em: EntityManager, id: string, changes: NewsChanges): Promise<void> {
    const keys = Object.keys(changes) as Array<keyof NewsChanges>;
    if (!keys.length) return;
    await em.query(`UPDATE news SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...keys.map((k) => changes[k]),
    ]);
  }

  /**
   * Published news the caller sees: the reviewing committee's subtree holds one of `paths` (the
   * member's organisation, the organisations of their roles), or the caller reads the writing
   * organisation from above (`readRoots`). Newest first.
   */
  async feed(memberId: string | null, paths: string[], readRoots: string[], limit: number, offset: number) {
    // Placeholders from `p`: the rows' query has the member id as $1, the count's does not.
    const where = (p: number) => `WHERE n.state = 'published' AND (rv.path @> ANY($${p}::ltree[]) OR o.path <@ ANY($${p + 1}::ltree[]))`;
    const [rows, [c]] = await Promise.all([
      this.db.query<NewsRow[]>(`SELECT ${COLUMNS}, ${LIKED} ${FROM} ${where(2)} ORDER BY n.published_at DESC, n.id LIMIT $4 OFFSET $5`, [
        memberId,
        paths,
        readRoots,
        limit,
        offset,
      ]),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n ${FROM} ${where(1)}`, [paths, readRoots]),
    ]);
    return { rows, total: c!.n };
  }

  /**
   * What the caller's organisations wrote, every state: drafts only to their writers (`ownPaths`, the
   * organisations the caller holds the role on itself, or their author) — a committee sees a piece
   * once it is submitted. Optionally one organisation.
   */
  async written(memberId: string | null, userId: string, roots: string[], ownPaths: string[], orgId: string | undefined, limit: number, offset: number) {
    const where = (p: number) => `WHERE o.path <@ ANY($${p}::ltree[]) AND (n.state <> 'draft' OR n.created_by = $${p + 1} OR o.path = ANY($${p + 2}::ltree[]))
      AND ($${p + 3}::uuid IS NULL OR n.organisation_id = $${p + 3})`;
    const params = [roots, userId, ownPaths, orgId ?? null];
    const [rows, [c]] = await Promise.all([
      this.db.query<NewsRow[]>(`SELECT ${COLUMNS}, ${LIKED} ${FROM} ${where(2)} ORDER BY n.updated_at DESC, n.id LIMIT $6 OFFSET $7`, [
        memberId,
        ...params,
        limit,
        offset,
      ]),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n ${FROM} ${where(1)}`, params),
    ]);
    return { rows, total: c!.n };
  }

  /** Submitted news of organisations strictly below one of `roots` (the committees the caller works for). */
  async awaitingReview(roots: string[], limit: number, offset: number) {
    const where = `WHERE n.state = 'submitted' AND EXISTS (SELECT 1 FROM unnest($1::ltree[]) r WHERE o.path <@ r AND o.path <> r)`;
    const [rows, [c]] = await Promise.all([
      this.db.query<NewsRow[]>(`SELECT ${COLUMNS}, false AS liked ${FROM} ${where} ORDER BY n.submitted_at, n.id LIMIT $2 OFFSET $3`, [roots, limit, offset]),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n ${FROM} ${where}`, [roots]),
    ]);
    return { rows, total: c!.n };
  }

  /** The meeting's organisation path, to check it lies in the writing organisation's subtree. */
  async meetingPath(id: string): Promise<string | null> {
    const [r] = await this.db.query<Array<{ path: string }>>(
      `SELECT o.path::text AS path FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id WHERE mt.id = $1`,
      [id],
    );
    return r?.path ?? null;
  }

  /** One like per member (the primary key): the counter moves only when the row was really added or removed. */
  async like(tx: EntityManager, newsId: string, memberId: string, on: boolean): Promise<void> {
    // A CTE so the statement is a SELECT: TypeORM answers a bare DELETE with [rows, count].
    const change = on
      ? `INSERT INTO news_like (news_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`
      : `DELETE FROM news_like WHERE news_id = $1 AND member_id = $2 RETURNING 1`;
    const [r] = await tx.query<Array<{ n: number }>>(`WITH c AS (${change}) SELECT count(*)::int AS n FROM c`, [newsId, memberId]);
    if (r!.n) await tx.query(`UPDATE news SET like_count = like_count + $2 WHERE id = $1`, [newsId, on ? 1 : -1]);
  }

  /** Approved comments, the member's own, and (for a moderator) every pending one; oldest first. */
  comments(newsId: string, memberId: string | null, allPending: boolean): Promise<NewsCommentRow[]> {
    return this.db.query(
      `SELECT ${COMMENT_COLUMNS} FROM news_comment c WHERE c.news_id = $1 AND (c.state = 'approved' OR c.member_id = $2::uuid OR $3)
        ORDER BY c.created_at, c.id LIMIT 500`,
      [newsId, memberId, allPending],
    );
  }

  async comment(newsId: string, commentId: string, em: EntityManager = this.db.manager): Promise<NewsCommentRow | null> {
    const [r] = await em.query<NewsCommentRow[]>(`SELECT ${COMMENT_COLUMNS} FROM news_comment c WHERE c.id = $1 AND c.news_id = $2`, [commentId, newsId]);
    return r ?? null;
  }

  /** Approves a pending comment; approving an approved one changes nothing. */
  async approveComment(tx: EntityManager, commentId: string, userId: string): Promise<void> {
    await tx.query(
      `UPDATE news_comment SET state = 'approved', approved_by = $2, approved_at = now(), updated_at = now() WHERE id = $1 AND state = 'pending'`,
      [commentId, userId],
    );
  }

  async deleteComment(tx: EntityManager, commentId: string): Promise<void> {
    await tx.query(`DELETE FROM news_comment WHERE id = $1`, [commentId]);
  }

  /** Published news of organisations in one of `roots` with pending comments, oldest waiting first. */
  pendingComments(roots: string[], limit: number): Promise<PendingCommentsRow[]> {
    return this.db.query(
      `SELECT n.id AS news_id, n.title, n.organisation_id, o.name AS org_name, count(*)::int AS n, min(c.created_at) AS oldest
        FROM news_comment c JOIN news n ON n.id = c.news_id JOIN organisation o ON o.id = n.organisation_id
        WHERE c.state = 'pending' AND o.path <@ ANY($1::ltree[])
        GROUP BY n.id, o.name ORDER BY oldest LIMIT $2`,
      [roots, limit],
    );
  }
}
