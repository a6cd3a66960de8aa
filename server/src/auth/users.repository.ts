import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrgKind, Role } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type AccountRow = {
  id: string;
  username: string | null;
  display_name: string;
  member_id: string | null;
  member_name: string | null;
  org_id: string | null;
  org_name: string | null;
  member_path: string | null;
  has_password: boolean;
  wechat_bound: boolean;
  is_demo: boolean;
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
};
export type AssignmentRow = { id: string; user_id: string; role: Role; org_id: string; org_name: string; org_path: string; created_at: Date };
export type PositionRow = { member_id: string; role: Role; org_id: string; org_name: string; org_path: string };

const ACCOUNT_COLUMNS = `u.id, u.username, u.display_name, u.member_id, m.name AS member_name, o.id AS org_id, o.name AS org_name,
  m.org_path::text AS member_path, u.password_hash IS NOT NULL AS has_password, u.wx_openid IS NOT NULL AS wechat_bound,
  u.is_demo, u.disabled_at, CASE WHEN u.locked_until > now() THEN u.locked_until END AS locked_until, u.created_at`;
const ACCOUNT_FROM = `user_account u LEFT JOIN member m ON m.id = u.member_id LEFT JOIN organisation o ON o.id = m.organisation_id`;

/** An account lies in a subtree through its member, or through a role held there. Accounts with neither are orphans. */
const IN_SCOPE = `(m.org_path <@ ANY($1::ltree[])
   OR EXISTS (SELECT 1 FROM role_assignment ra JOIN organisation ro ON ro.id = ra.organisation_id
               WHERE ra.user_id = u.id AND ro.path <@ ANY($1::ltree[]))
   OR ($2::boolean AND u.member_id IS NULL AND NOT EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = u.id)))`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Data access for user and role administration; the rules are in UsersService. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(p: { roots: string[]; orphans: boolean; q?: string; page: number; pageSize: number }): Promise<{ rows: AccountRow[]; total: number }> {
    const like = p.q ? `%${escapeLike(p.q)}%` : null;
    const filter = `${IN_SCOPE} AND ($3::text IS NULL OR u.username ILIKE $3 OR u.display_name ILIKE $3)`;
    const [count] = await this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${ACCOUNT_FROM} WHERE ${filter}`, [p.roots, p.orphans, like]);
    const rows: AccountRow[] = await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE ${filter} ORDER BY u.display_name, u.id LIMIT $4 OFFSET $5`,
      [p.roots, p.orphans, like, p.pageSize, (p.page - 1) * p.pageSize],
    );
    return { rows, total: count?.n ?? 0 };
  }

  async account(id: string, manager: EntityManager = this.db.manager): Promise<AccountRow | null> {
    const rows: AccountRow[] = await manager.query(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async accountOfMember(memberId: string): Promise<{ id: string; username: string | null } | null> {
    const rows: Array<{ id: string; username: string | null }> = await this.db.query('SELECT id, username FROM user_account WHERE member_id = $1', [memberId]);
    return rows[0] ?? null;
  }

  async assignments(userIds: string[], manager: EntityManager = this.db.manager): Promise<AssignmentRow[]> {
    if (!userIds.length) return [];
    return manager.query(
      `SELECT ra.id, ra.user_id, ra.role, o.id AS org_id, o.name AS org_name, o.path::text AS org_path, ra.created_at
         FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id
        WHERE ra.user_id = ANY($1::uuid[]) ORDER BY ra.created_at, ra.id`,
      [userIds],
    );
  }

  async positions(memberIds: string[], manager: EntityManager = this.db.manager): Promise<PositionRow[]> {
    if (!memberIds.length) return [];
    return manager.query(
      `SELECT cp.member_id, cp.position AS role, o.id AS org_id, o.name AS org_name, o.path::text AS org_path
         FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
        WHERE cp.member_id = ANY($1::uuid[]) AND cp.ended_on IS NULL ORDER BY o.path, cp.position`,
      [memberIds],
    );
  }

  async assignment(id: string): Promise<AssignmentRow | null> {
    const rows: AssignmentRow[] = await this.db.query(
      `SELECT ra.id, ra.user_id, ra.role, o.id AS org_id, o.name AS org_name, o.path::text AS org_path, ra.created_at
         FROM role_assignment ra JOIN organisation o ON o.id = ra.organisation_id WHERE ra.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async orgKind(orgId: string): Promise<OrgKind | null> {
    const rows: Array<{ kind: OrgKind }> = await this.db.query('SELECT kind FROM organisation WHERE id = $1', [orgId]);
    return rows[0]?.kind ?? null;
  }

  async insertAccount(p: { memberId: string | null; username: string; passwordHash: string; displayName: string }, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO user_account (member_id, username, password_hash, display_name) VALUES ($1, $2, $3, $4) RETURNING id',
      [p.memberId, p.username, p.passwordHash, p.displayName],
    );
    return rows[0]!.id;
  }

  /** A member's existing account (WeChat only) gets a username and password. */
  async addCredentials(userId: string, p: { username: string; passwordHash: string; displayName: string }, manager: EntityManager) {
    await manager.query(
      `UPDATE user_account SET username = $2, password_hash = $3, display_name = $4, failed_attempts = 0, locked_until = NULL, updated_at = now()
        WHERE id = $1`,
      [userId, p.username, p.passwordHash, p.displayName],
    );
  }

  async insertAssignment(p: { userId: string; role: Role; orgId: string; grantedBy: string }, manager: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO role_assignment (user_id, role, organisation_id, granted_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [p.userId, p.role, p.orgId, p.grantedBy],
    );
    return rows[0]!.id;
  }

  async deleteAssignment(id: string, manager: EntityManager) {
    await manager.query('DELETE FROM role_assignment WHERE id = $1', [id]);
  }

  async setDisabled(userId: string, disabled: boolean, manager: EntityManager) {
    await manager.query(
      disabled
        ? 'UPDATE user_account SET disabled_at = COALESCE(disabled_at, now()), updated_at = now() WHERE id = $1'
        : 'UPDATE user_account SET disabled_at = NULL, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
      [userId],
    );
  }
}
