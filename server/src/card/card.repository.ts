import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CardPrivacy, CommitteePosition, CreateCardDistinction, MemberFlag, MemberLeftReason, MemberStatus } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type CardMemberRow = {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  status: MemberStatus;
  flags: MemberFlag[];
  fullMemberDate: string | null;
  leftAt: Date | null;
  leftReason: MemberLeftReason | null;
};

export type DistinctionRow = { id: string; memberId: string; kind: 'vanguard' | 'honour'; title: string; awardedOn: string };
export type DutyRow = { id: string; distinctionId: string; performedOn: string; note: string; points: number; recordedBy: string | null };
export type PositionRow = { memberId: string; position: CommitteePosition; orgName: string };

const MEMBER = `SELECT m.id, m.name, m.organisation_id AS "orgId", o.name AS "orgName", m.org_path::text AS "orgPath", m.status, m.flags,
       m.full_member_date::text AS "fullMemberDate", m.left_at AS "leftAt", m.left_reason AS "leftReason"
  FROM member m JOIN organisation o ON o.id = m.organisation_id`;

/** All SQL of the member card (P1, P2). */
@Injectable()
export class CardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** The member as of now — on the roll or not (the verify page tells a departed member's card apart). */
  async member(id: string): Promise<CardMemberRow | null> {
    const [row]: CardMemberRow[] = await this.db.query(`${MEMBER} WHERE m.id = $1`, [id]);
    return row ?? null;
  }

  async orgName(orgId: string): Promise<string> {
    const [row]: Array<{ name: string }> = await this.db.query(`SELECT name FROM organisation WHERE id = $1`, [orgId]);
    return row?.name ?? '';
  }

  /** Current members of a subtree in name order (the printed sheet). */
  membersOf(orgPath: string, limit: number): Promise<CardMemberRow[]> {
    return this.db.query(`${MEMBER} WHERE m.org_path <@ $1::ltree AND m.left_at IS NULL ORDER BY o.name, m.name LIMIT $2`, [orgPath, limit]);
  }

  /** Current committee seats (O4) of the members. */
  positions(memberIds: string[]): Promise<PositionRow[]> {
    return this.db.query(
      `SELECT p.member_id AS "memberId", p.position, o.name AS "orgName"
         FROM committee_position p JOIN organisation o ON o.id = p.organisation_id
        WHERE p.member_id = ANY($1::uuid[]) AND p.ended_on IS NULL ORDER BY p.started_on`,
      [memberIds],
    );
  }

  distinctions(memberIds: string[]): Promise<DistinctionRow[]> {
    return this.db.query(
      `SELECT id, member_id AS "memberId", kind, title, awarded_on::text AS "awardedOn" FROM member_distinction
        WHERE member_id = ANY($1::uuid[]) ORDER BY awarded_on DESC, created_at DESC`,
      [memberIds],
    );
  }

  async privacy(memberId: string): Promise<CardPrivacy> {
    const [row]: CardPrivacy[] = await this.db.query(
      `SELECT show_study AS "showStudy", show_points AS "showPoints", show_volunteer AS "showVolunteer", show_honours AS "showHonours"
         FROM member_card WHERE member_id = $1`,
      [memberId],
    );
    return row ?? { showStudy: false, showPoints: false, showVolunteer: false, showHonours: false };
  }

  async savePrivacy(tx: EntityManager, memberId: string, p: CardPrivacy): Promise<void> {
    await tx.query(
      `INSERT INTO member_card (member_id, show_study, show_points, show_volunteer, show_honours) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (member_id) DO UPDATE SET show_study = $2, show_points = $3, show_volunteer = $4, show_honours = $5, updated_at = now()`,
      [memberId, p.showStudy, p.showPoints, p.showVolunteer, p.showHonours],
    );
  }

  async insertDistinction(tx: EntityManager, d: CreateCardDistinction, createdBy: string): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO member_distinction (member_id, kind, title, awarded_on, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [d.memberId, d.kind, d.title, d.awardedOn, createdBy],
    );
    return row!.id;
  }

  async distinction(id: string): Promise<DistinctionRow | null> {
    const [row]: DistinctionRow[] = await this.db.query(
      `SELECT id, member_id AS "memberId", kind, title, awarded_on::text AS "awardedOn" FROM member_distinction WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async deleteDistinction(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM member_distinction WHERE id = $1`, [id]);
  }

  /** The post, locked: duties and the revocation of one post serialise on it. */
  async lockDistinction(tx: EntityManager, id: string): Promise<DistinctionRow | null> {
    const [row]: DistinctionRow[] = await tx.query(
      `SELECT id, member_id AS "memberId", kind, title, awarded_on::text AS "awardedOn" FROM member_distinction WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** The last `perPost` duties of each post, newest first. */
  duties(distinctionIds: string[], perPost: number): Promise<DutyRow[]> {
    return this.db.query(
      `SELECT d.id, d.distinction_id AS "distinctionId", d.performed_on::text AS "performedOn", d.note, d.points, u.display_name AS "recordedBy"
         FROM (SELECT *, row_number() OVER (PARTITION BY distinction_id ORDER BY performed_on DESC, created_at DESC) AS n
                 FROM vanguard_duty WHERE distinction_id = ANY($1::uuid[])) d
         LEFT JOIN user_account u ON u.id = d.created_by
        WHERE d.n <= $2 ORDER BY d.performed_on DESC, d.created_at DESC`,
      [distinctionIds, perPost],
    );
  }

  async insertDuty(tx: EntityManager, d: { post: DistinctionRow; performedOn: string; note: string; createdBy: string }): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO vanguard_duty (distinction_id, member_id, post_title, performed_on, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [d.post.id, d.post.memberId, d.post.title, d.performedOn, d.note, d.createdBy],
    );
    return row!.id;
  }

  async setDutyPoints(tx: EntityManager, id: string, points: number): Promise<void> {
    await tx.query(`UPDATE vanguard_duty SET points = $2 WHERE id = $1`, [id, points]);
  }

  /** The member's photo file (P1), or null. */
  async photoFileId(memberId: string): Promise<string | null> {
    const [row]: Array<{ id: string | null }> = await this.db.query(`SELECT photo_file_id AS id FROM member_card WHERE member_id = $1`, [memberId]);
    return row?.id ?? null;
  }

  /** Sets or clears the photo; answers the file it replaced (for the audit). */
  async setPhoto(tx: EntityManager, memberId: string, fileId: string | null): Promise<string | null> {
    const [old]: Array<{ id: string | null }> = await tx.query(`SELECT photo_file_id AS id FROM member_card WHERE member_id = $1 FOR UPDATE`, [memberId]);
    await tx.query(
      `INSERT INTO member_card (member_id, photo_file_id) VALUES ($1, $2)
       ON CONFLICT (member_id) DO UPDATE SET photo_file_id = EXCLUDED.photo_file_id, updated_at = now()`,
      [memberId, fileId],
    );
    return old?.id ?? null;
  }
}
