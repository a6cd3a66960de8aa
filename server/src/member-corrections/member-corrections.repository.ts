import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CorrectionState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredCorrectionChange } from './member-correction.entity.js';

/** A request with the names people read (member, branch, who asked, who decided). */
export type CorrectionRow = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  state: CorrectionState;
  changes: StoredCorrectionChange[];
  phoneEnc: string | null;
  note: string | null;
  requestedBy: string | null;
  requesterName: string | null;
  requestedAt: Date;
  decidedBy: string | null;
  deciderName: string | null;
  decidedAt: Date | null;
  returnReason: string | null;
};

export type CorrectionInsert = Pick<CorrectionRow, 'memberId' | 'changes' | 'phoneEnc' | 'note' | 'requestedBy'>;

const SELECT = `SELECT c.id, c.member_id AS "memberId", m.name AS "memberName", m.organisation_id AS "orgId", o.name AS "orgName",
       m.org_path::text AS "orgPath", c.state, c.changes, c.phone_enc AS "phoneEnc", c.note,
       c.requested_by AS "requestedBy", ru.display_name AS "requesterName", c.created_at AS "requestedAt",
       c.decided_by AS "decidedBy", du.display_name AS "deciderName", c.decided_at AS "decidedAt", c.return_reason AS "returnReason"
  FROM member_profile_correction c
  JOIN member m ON m.id = c.member_id
  JOIN organisation o ON o.id = m.organisation_id
  LEFT JOIN user_account ru ON ru.id = c.requested_by
  LEFT JOIN user_account du ON du.id = c.decided_by`;

/** Lists are a queue and a member's own history, never an archive to page through. */
const LIST_MAX = 100;

@Injectable()
export class MemberCorrectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** `lock`: FOR UPDATE of the request row only (the member row is locked by the members service when applied). */
  async find(id: string, em: EntityManager = this.db.manager, lock = false): Promise<CorrectionRow | null> {
    const rows: CorrectionRow[] = await em.query(`${SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async ofMember(memberId: string): Promise<CorrectionRow[]> {
    return this.db.query(`${SELECT} WHERE c.member_id = $1 ORDER BY c.created_at DESC LIMIT ${LIST_MAX}`, [memberId]);
  }

  /** Requests of members whose organisation lies under one of `roots` (the caller's member.manage subtrees). */
  async inSubtrees(roots: string[], state: CorrectionState): Promise<CorrectionRow[]> {
    if (!roots.length) return [];
    return this.db.query(`${SELECT} WHERE m.org_path <@ ANY($1::ltree[]) AND c.state = $2 AND m.left_at IS NULL ORDER BY c.created_at LIMIT ${LIST_MAX}`, [
      roots,
      state,
    ]);
  }

  /** Throws the unique violation of UQ_member_profile_correction_open when the member has one pending. */
  async insert(em: EntityManager, row: CorrectionInsert): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO member_profile_correction (member_id, state, changes, phone_enc, note, requested_by)
       VALUES ($1, 'pending', $2::jsonb, $3, $4, $5) RETURNING id`,
      [row.memberId, JSON.stringify(row.changes), row.phoneEnc, row.note, row.requestedBy],
    );
    return r!.id;
  }

  async saveDecision(em: EntityManager, id: string, state: CorrectionState, by: string | null, at: Date | null, returnReason: string | null): Promise<void> {
    await em.query(`UPDATE member_profile_correction SET state = $2, decided_by = $3, decided_at = $4, return_reason = $5, updated_at = now() WHERE id = $1`, [
      id,
      state,
      by,
      at,
      returnReason,
    ]);
  }

  /** The unit's name when it is one of the branch's units (the secretary's edit applies the same rule). */
  async branchEnterpriseName(orgId: string, enterpriseId: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.db.query(
      `SELECT e.name FROM enterprise e JOIN organisation_enterprise oe ON oe.enterprise_id = e.id WHERE oe.organisation_id = $1 AND e.id = $2`,
      [orgId, enterpriseId],
    );
    return rows[0]?.name ?? null;
  }
}
