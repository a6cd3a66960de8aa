import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { ElectionsRepository, type ElectionRow, type MotionRow, type VoteListFilter } from './elections.repository.js';

export type ReadAccess<T> = { row: T; canManage: boolean; canOversee: boolean; isAttendee: boolean };

/**
 * The access check of every election, motion and ballot endpoint: resolves the object to its
 * organisation and asks AccessService. Managing needs election.manage on the organisation; reading
 * needs org.read there, or being expected at the meeting (a member sees the votes of their meetings).
 */
@Injectable()
export class VoteAccess {
  constructor(
    private readonly access: AccessService,
    private readonly repo: ElectionsRepository,
  ) {}

  async manageElection(auth: AuthContext, id: string, manager?: EntityManager, lock = false): Promise<ElectionRow> {
    const e = await this.repo.findElection(id, manager, lock);
    if (!e) throw this.missing(auth, '选举');
    this.access.assert(auth, 'election.manage', e.orgPath);
    return e;
  }

  async readElection(auth: AuthContext, id: string): Promise<ReadAccess<ElectionRow>> {
    const e = await this.repo.findElection(id);
    if (!e) throw this.missing(auth, '选举', true);
    return this.read(auth, e);
  }

  async manageMotion(auth: AuthContext, id: string, manager?: EntityManager, lock = false): Promise<MotionRow> {
    const m = await this.repo.findMotion(id, manager, lock);
    if (!m) throw this.missing(auth, '表决事项');
    this.access.assert(auth, 'election.manage', m.orgPath);
    return m;
  }

  async readMotion(auth: AuthContext, id: string): Promise<ReadAccess<MotionRow>> {
    const m = await this.repo.findMotion(id);
    if (!m) throw this.missing(auth, '表决事项', true);
    return this.read(auth, m);
  }

  /** Manage or oversee (org.read) — the screen's data. */
  /**
   * Which elections or motions a list may show: one organisation in scope, or the caller's scope, or
   * one meeting — whose votes its expected members see too. null when the caller can see nothing.
   */
  async listFilter(auth: AuthContext, q: { orgId?: string; meetingId?: string; state?: string }): Promise<VoteListFilter | null> {
    const roots = [...new Set([...this.access.scopes(auth, 'election.manage'), ...this.access.scopes(auth, 'org.read')])];
    let orgPath: string | undefined;
    if (q.orgId) {
      const orgId = q.orgId;
      orgPath = await this.access.requireOrg(auth, 'org.read', orgId).catch(() => this.access.requireOrg(auth, 'election.manage', orgId));
    } else if (!q.meetingId && roots.length === 0) return null;
    return { roots, orgPath, meetingId: q.meetingId, memberId: auth.memberId, state: q.state };
  }

  oversees(auth: AuthContext, orgPath: string): boolean {
    return this.access.can(auth, 'election.manage', orgPath) || this.access.can(auth, 'org.read', orgPath);
  }

  canManage(auth: AuthContext, orgPath: string): boolean {
    return this.access.can(auth, 'election.manage', orgPath);
  }

  /** E14: the higher organisation approves 书记/副书记 results: election.manage on the parent organisation. */
  async requireParent(auth: AuthContext, row: { orgParentId: string | null }): Promise<void> {
    if (!row.orgParentId) throw forbidden('没有上级党组织可以批复');
    await this.access.requireOrg(auth, 'election.manage', row.orgParentId);
  }

  private async read<T extends { orgPath: string; meetingId: string }>(auth: AuthContext, row: T): Promise<ReadAccess<T>> {
    const canManage = this.access.can(auth, 'election.manage', row.orgPath);
    const canOversee = canManage || this.access.can(auth, 'org.read', row.orgPath);
    const isAttendee = !!auth.memberId && (await this.repo.isAttendee(row.meetingId, auth.memberId));
    if (!canOversee && !isAttendee) throw forbidden();
    return { row, canManage, canOversee, isAttendee };
  }

  /** Same answer for a missing object as AccessService gives for a missing organisation. */
  private missing(auth: AuthContext, what: string, memberMaySee = false) {
    return this.access.scopes(auth, 'election.manage').length > 0 || this.access.scopes(auth, 'org.read').length > 0 || (memberMaySee && auth.memberId)
      ? notFound(what)
      : forbidden();
  }
}
