import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateUserDto, GrantRoleDto, Page, ResetPasswordDto, RoleAssignment, UserAccount, UserQuery } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { AuthErrors } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { PasswordHasher } from './password.js';
import { SessionService } from './session.service.js';
import { UsersRepository, type AccountRow, type AssignmentRow, type PositionRow } from './users.repository.js';

type Target = { account: AccountRow; anchors: string[]; assignments: AssignmentRow[] };

/** Unique index named in a failed insert (TypeORM copies the driver error's fields onto its own). */
const violated = (err: unknown, constraint: string) =>
  (err as { constraint?: string; driverError?: { constraint?: string } }).constraint === constraint ||
  (err as { driverError?: { constraint?: string } }).driverError?.constraint === constraint;

const toAssignment = (a: AssignmentRow): RoleAssignment => ({
  id: a.id,
  role: a.role,
  orgId: a.org_id,
  orgName: a.org_name,
  grantedAt: a.created_at.toISOString(),
});

const toUser = (u: AccountRow, assignments: AssignmentRow[], positions: PositionRow[]): UserAccount => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  memberId: u.member_id,
  memberName: u.member_name,
  orgId: u.org_id,
  orgName: u.org_name,
  hasPassword: u.has_password,
  wechatBound: u.wechat_bound,
  isDemo: u.is_demo,
  disabled: u.disabled_at !== null,
  lockedUntil: u.locked_until?.toISOString() ?? null,
  roles: assignments.filter((a) => a.user_id === u.id).map(toAssignment),
  positions: positions.filter((p) => p.member_id === u.member_id).map((p) => ({ role: p.role, orgId: p.org_id, orgName: p.org_name })),
  createdAt: u.created_at.toISOString(),
});

/**
 * User and role administration for organisation workers (`role.manage`, scoped). An account lies in
 * a subtree through its member, its roles or its committee positions. Seeing it needs one of those
 * in the caller's subtree; changing its credentials or status needs all of them there, so a worker
 * cannot take over an account that carries authority elsewhere. Platform administrators alone touch
 * platform administrators, and see accounts that lie nowhere.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly repo: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: AuthRepository,
  ) {}

  async list(auth: AuthContext, query: UserQuery): Promise<Page<UserAccount>> {
    const roots = query.orgId ? [await this.access.requireOrg(auth, 'role.manage', query.orgId)] : this.access.scopes(auth, 'role.manage');
    if (!roots.length) throw forbidden();
    const { rows, total } = await this.repo.page({
      roots,
      orphans: !query.orgId && this.isPlatformAdmin(auth),
      q: query.q,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: await this.withRoles(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async get(auth: AuthContext, userId: string): Promise<UserAccount> {
    const { account } = await this.requireUser(auth, userId, 'see');
    return (await this.withRoles([account]))[0]!;
  }

  async create(auth: AuthContext, dto: CreateUserDto): Promise<UserAccount> {
    const memberPath = dto.memberId ? await this.access.requireMember(auth, 'role.manage', dto.memberId) : null;
    const rolePath = dto.role ? await this.requireGrantable(auth, dto.role) : null;
    // A member who already signs in through WeChat gets the password on the same account, if the caller may manage it.
    const existing = dto.memberId ? await this.repo.accountOfMember(dto.memberId) : null;
    if (existing) {
      if (existing.username) throw AuthErrors.memberHasAccount(existing.id);
      await this.requireUser(auth, existing.id, 'manage');
    }
    const passwordHash = await this.hasher.hash(dto.password);
    const credentials = { username: dto.username, passwordHash, displayName: dto.displayName };
    const userId = await this.db
      .transaction(async (em) => {
        let id: string;
        if (existing) {
          id = existing.id;
          await this.repo.addCredentials(id, credentials, em);
        } else {
          id = await this.repo.insertAccount({ memberId: dto.memberId ?? null, ...credentials }, em);
        }
        await this.audit.record(
          auth,
          {
            action: 'user.create',
            objectType: 'user_account',
            objectId: id,
            orgPath: memberPath ?? rolePath,
            details: { username: dto.username, memberId: dto.memberId ?? null, addedToExistingAccount: Boolean(existing) },
          },
          em,
        );
        if (dto.role) await this.grant(auth, id, dto.role, rolePath!, em);
        return id;
      })
      .catch((err: unknown) => {
        if (violated(err, 'UQ_user_account_username')) throw AuthErrors.usernameTaken();
        if (violated(err, 'UQ_user_account_member')) throw AuthErrors.memberHasAccount();
        throw err;
      });
    return this.get(auth, userId);
  }

  /** Sets a new password, lifts a lock, and ends every session of the account. */
  async resetPassword(auth: AuthContext, userId: string, dto: ResetPasswordDto): Promise<void> {
    const target = await this.requireUser(auth, userId, 'manage');
    if (!target.account.username) throw AuthErrors.noUsername();
    const hash = await this.hasher.hash(dto.password);
    await this.db.transaction(async (em) => {
      await this.passwords.setPassword(userId, hash, em);
      await this.sessions.revokeAllOf(userId, em);
      await this.audit.record(auth, { action: 'user.resetPassword', objectType: 'user_account', objectId: userId, orgPath: this.pathOf(target) }, em);
    });
  }

  async grantRole(auth: AuthContext, userId: string, dto: GrantRoleDto): Promise<RoleAssignment> {
    await this.requireUser(auth, userId, 'see');
    const orgPath = await this.requireGrantable(auth, dto);
    const id = await this.db
      .transaction((em) => this.grant(auth, userId, dto, orgPath, em))
      .catch((err: unknown) => {
        if (violated(err, 'UQ_role_assignment')) throw AuthErrors.roleAlreadyGranted();
        throw err;
      });
    const [row] = await this.repo.assignments([userId]).then((all) => all.filter((a) => a.id === id));
    return toAssignment(row!);
  }

  async revokeRole(auth: AuthContext, userId: string, assignmentId: string): Promise<void> {
    const assignment = await this.repo.assignment(assignmentId);
    if (!assignment || assignment.user_id !== userId) {
      throw this.access.scopes(auth, 'role.manage').length ? notFound('角色') : forbidden();
    }
    this.access.assert(auth, 'role.manage', assignment.org_path);
    if (assignment.role === 'platform_admin' && !this.isPlatformAdminOver(auth, assignment.org_path)) {
      throw forbidden('只有平台管理员可以撤销平台管理员角色');
    }
    await this.db.transaction(async (em) => {
      await this.repo.deleteAssignment(assignmentId, em);
      await this.audit.record(
        auth,
        {
          action: 'role.revoke',
          objectType: 'user_account',
          objectId: userId,
          orgPath: assignment.org_path,
          details: { role: assignment.role, orgId: assignment.org_id, assignmentId },
        },
        em,
      );
    });
  }

  /** Disabling ends every session at once; the account keeps its roles for when it is enabled again. */
  async setDisabled(auth: AuthContext, userId: string, disabled: boolean): Promise<UserAccount> {
    const target = await this.requireUser(auth, userId, 'manage');
    if (userId === auth.userId) throw AuthErrors.cannotChangeSelf('不能停用或启用自己的账号');
    await this.db.transaction(async (em) => {
      await this.repo.setDisabled(userId, disabled, em);
      if (disabled) await this.sessions.revokeAllOf(userId, em);
      await this.audit.record(
        auth,
        { action: disabled ? 'user.disable' : 'user.enable', objectType: 'user_account', objectId: userId, orgPath: this.pathOf(target) },
        em,
      );
    });
    return this.get(auth, userId);
  }

  private async grant(auth: AuthContext, userId: string, dto: GrantRoleDto, orgPath: string, em: EntityManager): Promise<string> {
    const id = await this.repo.insertAssignment({ userId, role: dto.role, orgId: dto.orgId, grantedBy: auth.userId }, em);
    await this.audit.record(
      auth,
      { action: 'role.grant', objectType: 'user_account', objectId: userId, orgPath, details: { role: dto.role, orgId: dto.orgId, assignmentId: id } },
      em,
    );
    return id;
  }

  /**
   * `org_worker` is held on committees (the level that runs organisation work); `platform_admin`
   * only comes from a platform administrator over that organisation. Returns the organisation's path.
   */
  private async requireGrantable(auth: AuthContext, dto: GrantRoleDto): Promise<string> {
    const path = await this.access.requireOrg(auth, 'role.manage', dto.orgId);
    if (dto.role === 'platform_admin') {
      if (!this.isPlatformAdminOver(auth, path)) throw forbidden('只有平台管理员可以授予平台管理员角色');
    } else if ((await this.repo.orgKind(dto.orgId)) !== 'committee') {
      throw AuthErrors.roleNotAssignable('组织工作人员只能设在党委（含联合党委）');
    }
    return path;
  }

  private async requireUser(auth: AuthContext, userId: string, mode: 'see' | 'manage'): Promise<Target> {
    const account = await this.repo.account(userId);
    if (!account) throw this.access.scopes(auth, 'role.manage').length ? notFound('用户') : forbidden();
    const assignments = await this.repo.assignments([userId]);
    const positions = account.member_id ? await this.repo.positions([account.member_id]) : [];
    const anchors = [account.member_path, ...assignments.map((a) => a.org_path), ...positions.map((p) => p.org_path)].filter((p): p is string => p !== null);
    const inScope = (path: string) => this.access.can(auth, 'role.manage', path);
    const orphanForAdmin = anchors.length === 0 && this.isPlatformAdmin(auth);
    if (!orphanForAdmin && !anchors.some(inScope)) throw forbidden();
    if (mode === 'manage') {
      if (!orphanForAdmin && !anchors.every(inScope)) throw forbidden('该账号在您的管辖范围之外另有职务或角色，不能由您修改');
      if (assignments.some((a) => a.role === 'platform_admin') && !this.isPlatformAdmin(auth)) {
        throw forbidden('只有平台管理员可以修改平台管理员账号');
      }
    }
    return { account, anchors, assignments };
  }

  private async withRoles(rows: AccountRow[]): Promise<UserAccount[]> {
    const assignments = await this.repo.assignments(rows.map((r) => r.id));
    const positions = await this.repo.positions(rows.flatMap((r) => (r.member_id ? [r.member_id] : [])));
    return rows.map((r) => toUser(r, assignments, positions));
  }

  private pathOf(target: Target) {
    return target.account.member_path ?? target.anchors[0] ?? null;
  }

  private isPlatformAdmin(auth: AuthContext) {
    return auth.grants.some((g) => g.role === 'platform_admin');
  }

  private isPlatformAdminOver(auth: AuthContext, path: string) {
    return auth.grants.some((g) => g.role === 'platform_admin' && isWithin(path, g.orgPath));
  }
}
