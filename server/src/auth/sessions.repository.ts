import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type SessionCallerRow = {
  session_id: string;
  user_id: string;
  display_name: string;
  member_id: string | null;
  is_demo: boolean;
  expired: boolean;
  expires_at: Date;
  org_id: string | null;
  org_path: string | null;
  org_name: string | null;
};

export type GrantRow = { role: Role; org_id: string; org_path: string; org_name: string };

/** An UPDATE … RETURNING through `query()` gives `[rows, count]`; the rows. */
const returned = (r: unknown[]): Array<{ id: string }> => (Array.isArray(r[0]) ? (r[0] as Array<{ id: string }>) : (r as Array<{ id: string }>));

/** Sessions and the caller's grants: all the SQL of SessionService. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Swaps the session's token hashes when `refreshHash` is a live refresh token of an enabled account
   * (demo accounts only with `demoAllowed`), remembering the old one in auth_refresh_rotated in the same
   * statement; the session id, or undefined when nothing was rotated.
   */
  async rotate(r: {
    refreshHash: string;
    accessHash: string;
    nextRefreshHash: string;
    accessExpiresAt: Date;
    demoAllowed: boolean;
  }): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH s AS (
         UPDATE auth_session SET access_hash = $2, refresh_hash = $3, access_expires_at = $4, updated_at = now()
          WHERE refresh_hash = $1 AND revoked_at IS NULL AND refresh_expires_at > now()
          AND EXISTS (SELECT 1 FROM user_account u WHERE u.id = user_id AND u.disabled_at IS NULL AND (NOT u.is_demo OR $5))
          RETURNING id)
       , r AS (INSERT INTO auth_refresh_rotated (refresh_hash, session_id) SELECT $1, id FROM s RETURNING session_id)
       SELECT session_id AS id FROM r`,
      [r.refreshHash, r.accessHash, r.nextRefreshHash, r.accessExpiresAt, r.demoAllowed],
    );
    return rows[0]?.id;
  }

  /** Revokes the session a rotated-away refresh token belonged to; the ids revoked (none when it was already). */
  async revokeByRotatedToken(refreshHash: string): Promise<string[]> {
    const rows = returned(
      await this.db.query(
        `UPDATE auth_session SET revoked_at = now(), updated_at = now()
          WHERE id = (SELECT session_id FROM auth_refresh_rotated WHERE refresh_hash = $1) AND revoked_at IS NULL RETURNING id`,
        [refreshHash],
      ),
    );
    return rows.map((x) => x.id);
  }

  async wasRotated(refreshHash: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM auth_refresh_rotated WHERE refresh_hash = $1', [refreshHash]);
    return rows.length > 0;
  }

  async revokeAllOf(userId: string, exceptSessionId: string | null, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query('UPDATE auth_session SET revoked_at = now(), updated_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2', [
      userId,
      exceptSessionId,
    ]);
  }

  /** The ids of the sessions revoked. */
  async revokeByRefreshHash(refreshHash: string): Promise<string[]> {
    const rows = returned(
      await this.db.query('UPDATE auth_session SET revoked_at = now(), updated_at = now() WHERE refresh_hash = $1 AND revoked_at IS NULL RETURNING id', [
        refreshHash,
      ]),
    );
    return rows.map((x) => x.id);
  }

  /** The live session of an access-token hash with its enabled account and the member's organisation. */
  async caller(accessHash: string): Promise<SessionCallerRow | undefined> {
    const rows: SessionCallerRow[] = await this.db.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.display_name, u.member_id, u.is_demo,
              s.access_expires_at <= now() AS expired, s.access_expires_at AS expires_at,
              o.id AS org_id, o.path::text AS org_path, o.name AS org_name
         FROM auth_session s
         JOIN user_account u ON u.id = s.user_id AND u.disabled_at IS NULL
         LEFT JOIN member m ON m.id = u.member_id
         LEFT JOIN organisation o ON o.id = m.organisation_id
        WHERE s.access_hash = $1 AND s.revoked_at IS NULL`,
      [accessHash],
    );
    return rows[0];
  }

  /**
   * The caller's organisation as a member (role `member`, first) plus `grants`, in one query: what a
   * cached session needs read fresh on every request (see SessionService.authenticateSession).
   */
  memberOrgAndGrants(userId: string, memberId: string | null): Promise<Array<GrantRow | (Omit<GrantRow, 'role'> & { role: 'member' })>> {
    return this.db.query(
      `SELECT 'member' AS role, o.id AS org_id, o.path::text AS org_path, o.name AS org_name, 0 AS k
         FROM member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.id = $2
       UNION ALL
       SELECT ra.role, o.id, o.path::text, o.name, 1
         FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
        WHERE ra.user_id = $1
       UNION ALL
       SELECT cp.position, o.id, o.path::text, o.name, 2
         FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
        WHERE cp.member_id = $2 AND cp.ended_on IS NULL
       ORDER BY k`,
      [userId, memberId],
    );
  }

  /** Explicit role assignments plus the member's current committee positions. */
  grants(userId: string, memberId: string | null): Promise<GrantRow[]> {
    return this.db.query(
      `SELECT ra.role, o.id AS org_id, o.path::text AS org_path, o.name AS org_name
         FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
        WHERE ra.user_id = $1
       UNION ALL
       SELECT cp.position, o.id, o.path::text, o.name
         FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
        WHERE cp.member_id = $2 AND cp.ended_on IS NULL`,
      [userId, memberId],
    );
  }
}
