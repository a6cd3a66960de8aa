import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrgKind, Role } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { BINDING_CODE_MAX_ATTEMPTS } from './binding-code.js';

export const MAX_FAILED_PASSWORDS = 5;
export const LOCKOUT_MINUTES = 15;

export type PasswordAttempt = {
  id: string;
  password_hash: string;
  display_name: string;
  failed_attempts: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  is_demo: boolean;
};
export type SignInUser = { id: string; disabled_at: Date | null; is_demo: boolean; wx_unionid: string | null };
export type DemoUserRow = {
  id: string;
  username: string;
  display_name: string;
  member_org_name: string | null;
  member_org_kind: OrgKind | null;
  role: Role | null;
  org_name: string | null;
  org_kind: OrgKind | null;
};
export type LiveBindingCode = { id: string; member_id: string; code_hash: string; member_name: string; org_path: string };

/** rows of UPDATE … RETURNING through TypeORM's query(): pg gives [rows, count]. */
const returned = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/** Data access for signing in and binding; the rules are in AuthService. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Counts the attempt before the password is checked, in one statement, so parallel guesses cannot
   * outrun the lock: at most five are ever checked per lock period (the SET expressions read the row
   * as re-checked after a concurrent update). A lock that has run out starts the count again. Returns nothing when the name is unknown, has no password, or is locked.
   */
  async claimPasswordAttempt(username: string): Promise<PasswordAttempt | null> {
    const rows = returned<PasswordAttempt>(
      await this.db.query(
        `UPDATE user_account SET
            failed_attempts = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END,
            locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END) >= $2
                                THEN now() + make_interval(mins => $3) ELSE NULL END
          WHERE username = $1 AND password_hash IS NOT NULL AND (locked_until IS NULL OR locked_until <= now())
          RETURNING id, password_hash, display_name, failed_attempts, locked_until, disabled_at, is_demo`,
        [username, MAX_FAILED_PASSWORDS, LOCKOUT_MINUTES],
      ),
    );
    return rows[0] ?? null;
  }

  async lockedUntil(username: string): Promise<Date | null> {
    const rows: Array<{ locked_until: Date }> = await this.db.query(
      `SELECT locked_until FROM user_account WHERE username = $1 AND password_hash IS NOT NULL AND locked_until > now()`,
      [username],
    );
    return rows[0]?.locked_until ?? null;
  }

  async passwordSucceeded(userId: string, rehashed: string | null) {
    await this.db.query(
      `UPDATE user_account SET failed_attempts = 0, locked_until = NULL, password_hash = COALESCE($2, password_hash), updated_at = now() WHERE id = $1`,
      [userId, rehashed],
    );
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    const rows: Array<{ password_hash: string | null }> = await this.db.query('SELECT password_hash FROM user_account WHERE id = $1', [userId]);
    return rows[0]?.password_hash ?? null;
  }

  async setPassword(userId: string, hash: string, manager: EntityManager = this.db.manager) {
    await manager.query(`UPDATE user_account SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [
      userId,
      hash,
    ]);
  }

  async findDemoUser(key: string): Promise<{ id: string } | null> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM user_account WHERE username = $1 AND is_demo AND disabled_at IS NULL`, [
      `demo-${key}`,
    ]);
    return rows[0] ?? null;
  }

  /** Demo accounts with every grant and the kind of organisation it is held on, one row per grant. */
  async demoUsers(): Promise<DemoUserRow[]> {
    return this.db.query(
      `SELECT u.id, u.username, u.display_name, mo.name AS member_org_name, mo.kind AS member_org_kind,
              g.role, g.org_name, g.org_kind
         FROM user_account u
         LEFT JOIN member m ON m.id = u.member_id
         LEFT JOIN organisation mo ON mo.id = m.organisation_id
         LEFT JOIN LATERAL (
              SELECT ra.role, o.name AS org_name, o.kind AS org_kind
                FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id WHERE ra.user_id = u.id
              UNION ALL
              SELECT cp.position, o.name, o.kind
                FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
               WHERE cp.member_id = u.member_id AND cp.ended_on IS NULL) g ON true
        WHERE u.is_demo AND u.disabled_at IS NULL AND u.username LIKE 'demo-%'`,
    );
  }

  async findByOpenid(openid: string, manager: EntityManager = this.db.manager): Promise<(SignInUser & { member_id: string | null }) | null> {
    const rows: Array<SignInUser & { member_id: string | null }> = await manager.query(
      'SELECT id, member_id, disabled_at, is_demo, wx_unionid FROM user_account WHERE wx_openid = $1',
      [openid],
    );
    return rows[0] ?? null;
  }

  async setUnionid(userId: string, unionid: string) {
    await this.db.query('UPDATE user_account SET wx_unionid = $2, updated_at = now() WHERE id = $1', [userId, unionid]);
  }

  /**
   * The live codes of members with this phone (its blind index, M4), locked for this transaction: a
   * second bind of the same code waits here, then finds it used.
   */
  async lockLiveCodes(phoneHash: string, manager: EntityManager): Promise<LiveBindingCode[]> {
    return manager.query(
      `SELECT bc.id, bc.member_id, bc.code_hash, m.name AS member_name, m.org_path::text AS org_path
         FROM binding_code bc JOIN member m ON m.id = bc.member_id
        WHERE m.phone_hash = $1 AND bc.used_at IS NULL AND bc.expires_at > now() AND bc.failed_attempts < $2
        ORDER BY bc.created_at
        FOR UPDATE OF bc`,
      [phoneHash, BINDING_CODE_MAX_ATTEMPTS],
    );
  }

  async countFailedCodeAttempt(codeIds: string[], manager: EntityManager) {
    await manager.query('UPDATE binding_code SET failed_attempts = failed_attempts + 1, updated_at = now() WHERE id = ANY($1::uuid[])', [codeIds]);
  }

  async useCode(codeId: string, manager: EntityManager) {
    await manager.query('UPDATE binding_code SET used_at = now(), updated_at = now() WHERE id = $1', [codeId]);
  }

  async lockAccountOfMember(memberId: string, manager: EntityManager): Promise<{ id: string; disabled_at: Date | null; wx_openid: string | null } | null> {
    const rows: Array<{ id: string; disabled_at: Date | null; wx_openid: string | null }> = await manager.query(
      'SELECT id, disabled_at, wx_openid FROM user_account WHERE member_id = $1 FOR UPDATE',
      [memberId],
    );
    return rows[0] ?? null;
  }

  async attachWechat(userId: string, openid: string, unionid: string | null, manager: EntityManager) {
    await manager.query('UPDATE user_account SET wx_openid = $2, wx_unionid = $3, updated_at = now() WHERE id = $1', [userId, openid, unionid]);
  }

  async createWechatAccount(memberId: string, displayName: string, openid: string, unionid: string | null, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO user_account (member_id, display_name, wx_openid, wx_unionid) VALUES ($1, $2, $3, $4) RETURNING id',
      [memberId, displayName.slice(0, 50), openid, unionid],
    );
    return rows[0]!.id;
  }

  /** Issuing: the member row is locked so two issues for one member cannot both leave a live code. */
  async lockMemberForCode(memberId: string, manager: EntityManager): Promise<{ hasPhone: boolean } | null> {
    const rows: Array<{ hasPhone: boolean }> = await manager.query('SELECT phone_hash IS NOT NULL AS "hasPhone" FROM member WHERE id = $1 FOR NO KEY UPDATE', [
      memberId,
    ]);
    return rows[0] ?? null;
  }

  /** Earlier unused codes become void (expire now). Returns how many. */
  async voidLiveCodes(memberId: string, manager: EntityManager): Promise<number> {
    const rows = returned<{ id: string }>(
      await manager.query(
        'UPDATE binding_code SET expires_at = now(), updated_at = now() WHERE member_id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id',
        [memberId],
      ),
    );
    return rows.length;
  }

  async insertCode(p: { memberId: string; codeHash: string; expiresAt: Date; issuedBy: string }, manager: EntityManager) {
    await manager.query('INSERT INTO binding_code (member_id, code_hash, expires_at, issued_by) VALUES ($1, $2, $3, $4)', [
      p.memberId,
      p.codeHash,
      p.expiresAt,
      p.issuedBy,
    ]);
  }
}
