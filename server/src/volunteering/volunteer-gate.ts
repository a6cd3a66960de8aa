import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { VolunteeringRepository, type ActivityRow, type TeamRow } from './volunteering.repository.js';

/**
 * Who may do what in 志愿服务, decided in one place: a team's leaders and volunteer.manage on its
 * organisation's subtree manage it; members see teams and activities of organisations on their own
 * path (their branch and the committees above it) and of teams they belong to.
 */
@Injectable()
export class VolunteerGate {
  constructor(
    private readonly repo: VolunteeringRepository,
    private readonly access: AccessService,
  ) {}

  /** Visibility scope for list queries. */
  scope(auth: AuthContext) {
    return { memberPath: auth.memberOrg?.path ?? null, memberId: auth.memberId, roots: this.access.scopes(auth, 'volunteer.manage') };
  }

  async canManageTeam(auth: AuthContext, team: { id: string; orgPath: string }, em?: EntityManager): Promise<boolean> {
    return this.access.can(auth, 'volunteer.manage', team.orgPath) || (await this.repo.isLeader(team.id, auth.memberId, em));
  }

  private async mayRead(auth: AuthContext, teamId: string, orgPath: string): Promise<boolean> {
    if (auth.memberOrg && isWithin(auth.memberOrg.path, orgPath)) return true;
    if (await this.canManageTeam(auth, { id: teamId, orgPath })) return true;
    return auth.memberId !== null && (await this.repo.isLeaderOrMember(teamId, auth.memberId));
  }

  async readTeam(auth: AuthContext, id: string): Promise<TeamRow> {
    const t = await this.repo.team(id);
    if (!t || !(await this.mayRead(auth, t.id, t.orgPath))) throw notFound('志愿服务队');
    return t;
  }

  async manageTeam(auth: AuthContext, id: string, em?: EntityManager): Promise<TeamRow> {
    const t = await this.repo.team(id, em);
    if (!t) throw notFound('志愿服务队');
    if (!(await this.canManageTeam(auth, t, em))) throw (await this.mayRead(auth, t.id, t.orgPath)) ? forbidden() : notFound('志愿服务队');
    return t;
  }

  /** An activity the caller may see (404 otherwise: nothing about it leaks). */
  async readActivity(auth: AuthContext, id: string, em?: EntityManager): Promise<ActivityRow> {
    const a = await this.repo.activity(id, em);
    if (!a || !(await this.mayRead(auth, a.teamId, a.orgPath))) throw notFound('志愿活动');
    return a;
  }

  async manageActivity(auth: AuthContext, id: string, em?: EntityManager): Promise<ActivityRow> {
    const a = await this.readActivity(auth, id, em);
    if (!(await this.canManageTeam(auth, { id: a.teamId, orgPath: a.orgPath }, em))) throw forbidden();
    return a;
  }
}
