import { Injectable } from '@nestjs/common';
import {
  DEFAULT_VOLUNTEER_RULE_SET,
  signUpState,
  VOLUNTEER_RULE_SETS,
  type ActivityReportDto,
  type AddTeamVolunteerDto,
  type CreateVolunteerActivityDto,
  type CreateVolunteerTeamDto,
  type UpdateVolunteerTeamDto,
  type RosterAddDto,
  type VolunteerActivity,
  type VolunteerActivityList,
  type VolunteerActivityListQuery,
  type VolunteerTeam,
  type VolunteerTeamList,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditWriter, Notifier } from '../common/ports.js';
import { Clock } from '../common/clock.js';
import { PhoneCipher } from '../common/sensitive-cipher.js';
import { VolunteerGate } from './volunteer-gate.js';
import { VolunteerErrors } from './volunteering.errors.js';
import { VolunteeringRepository, type ActivityRow, type SignupRow, type TeamRow } from './volunteering.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * 志愿服务 teams, activities and places (P4). Every sign-up, cancellation and promotion of an
 * activity runs under a lock of the activity row, so the confirmed count never passes the capacity
 * however many sign up at once; a freed place goes to the first on the waiting list.
 */
@Injectable()
export class VolunteeringService {
  constructor(
    private readonly repo: VolunteeringRepository,
    private readonly gate: VolunteerGate,
    private readonly access: AccessService,
    private readonly cipher: PhoneCipher,
    private readonly audit: AuditWriter,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  // ---- teams ----

  async createTeam(auth: AuthContext, dto: CreateVolunteerTeamDto): Promise<VolunteerTeam> {
    const orgPath = await this.access.requireOrg(auth, 'volunteer.manage', dto.orgId);
    const id = await this.repo.transaction(async (tx) => {
      const id = await this.repo.insertTeam(tx, dto);
      await this.audit.record(auth, { action: 'volunteer.team.create', objectType: 'volunteer_team', objectId: id, orgPath, details: { name: dto.name } }, tx);
      return id;
    });
    return this.team(auth, id);
  }

  /** Name and description, by those running the team (leader or volunteer.manage). */
  async updateTeam(auth: AuthContext, id: string, dto: UpdateVolunteerTeamDto): Promise<VolunteerTeam> {
    const t = await this.gate.manageTeam(auth, id);
    await this.repo.transaction(async (tx) => {
      await this.repo.updateTeam(tx, id, dto);
      await this.audit.record(
        auth,
        { action: 'volunteer.team.update', objectType: 'volunteer_team', objectId: id, orgPath: t.orgPath, details: { from: t.name, ...dto } },
        tx,
      );
    });
    return this.team(auth, id);
  }

  async teams(auth: AuthContext): Promise<VolunteerTeamList> {
    const rows = await this.repo.teams(this.gate.scope(auth));
    return { items: await Promise.all(rows.map(async (t) => this.teamSummary(t, await this.gate.canManageTeam(auth, t)))) };
  }

  /** The roster of the team (phones masked, M4) for whoever may see the team. */
  async team(auth: AuthContext, id: string): Promise<VolunteerTeam> {
    const t = await this.gate.readTeam(auth, id);
    const canManage = await this.gate.canManageTeam(auth, t);
    const volunteers = await this.repo.teamVolunteers(id);
    return {
      ...this.teamSummary(t, canManage),
      volunteers: volunteers.map((v) => ({
        volunteerId: v.volunteerId,
        name: v.name,
        isMember: v.memberId !== null,
        // Only those running the team see even the masked number.
        phoneMasked: canManage ? v.phoneMasked : null,
        leader: v.leader,
        consentAt: iso(v.consentAt),
      })),
    };
  }

  /** A member joins by id (in the team's subtree); a 群众 with phone and consent — the number kept only encrypted (M4). */
  async addVolunteer(auth: AuthContext, teamId: string, dto: AddTeamVolunteerDto): Promise<VolunteerTeam> {
    const t = await this.gate.manageTeam(auth, teamId);
    await this.repo.transaction(async (tx) => {
      let volunteerId: string;
      if ('memberId' in dto) {
        const path = await this.repo.memberPath(dto.memberId);
        // Members of the team's organisation subtree (the committee's rescue team draws from its branches).
        if (!path || !(path === t.orgPath || path.startsWith(`${t.orgPath}.`))) throw VolunteerErrors.notInTeam();
        volunteerId = await this.repo.memberVolunteer(tx, dto.memberId);
      } else {
        const { phoneEnc, phoneHash, phoneMasked } = this.cipher.seal(dto.phone);
        volunteerId = await this.repo.publicVolunteer(tx, {
          name: dto.name,
          phoneEnc: phoneEnc!,
          phoneHash: phoneHash!,
          phoneMasked: phoneMasked!,
          consentAt: this.clock.now(),
          consentBy: auth.userId,
        });
      }
      await this.repo.addToTeam(tx, teamId, volunteerId, dto.leader);
      await this.audit.record(
        auth,
        {
          action: 'volunteer.team.add',
          objectType: 'volunteer_team',
          objectId: teamId,
          orgPath: t.orgPath,
          details: { volunteerId, leader: dto.leader, consent: !('memberId' in dto) },
        },
        tx,
      );
    });
    return this.team(auth, teamId);
  }

  async removeVolunteer(auth: AuthContext, teamId: string, volunteerId: string): Promise<VolunteerTeam> {
    const t = await this.gate.manageTeam(auth, teamId);
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.removeFromTeam(tx, teamId, volunteerId))) throw VolunteerErrors.notInTeam();
      await this.audit.record(
        auth,
        { action: 'volunteer.team.remove', objectType: 'volunteer_team', objectId: teamId, orgPath: t.orgPath, details: { volunteerId } },
        tx,
      );
    });
    return this.team(auth, teamId);
  }

  // ---- activities ----

  async createActivity(auth: AuthContext, dto: CreateVolunteerActivityDto): Promise<VolunteerActivity> {
    const t = await this.gate.manageTeam(auth, dto.teamId);
    const id = await this.repo.transaction(async (tx) => {
      const id = await this.repo.insertActivity(tx, {
        ...dto,
        startsAt: new Date(dto.startsAt),
        endsAt: new Date(dto.endsAt),
        ruleSet: DEFAULT_VOLUNTEER_RULE_SET,
        createdBy: auth.userId,
      });
      await this.audit.record(
        auth,
        {
          action: 'volunteer.activity.create',
          objectType: 'volunteer_activity',
          objectId: id,
          orgPath: t.orgPath,
          details: { title: dto.title, capacity: dto.capacity },
        },
        tx,
      );
      return id;
    });
    return this.activity(auth, id);
  }

  async activities(auth: AuthContext, q: VolunteerActivityListQuery): Promise<VolunteerActivityList> {
    const rows = await this.repo.activities({ ...this.gate.scope(auth), upcoming: q.when === 'upcoming', now: this.clock.now(), teamId: q.teamId });
    return { items: await Promise.all(rows.map((a) => this.view(auth, a))) };
  }

  async activity(auth: AuthContext, id: string): Promise<VolunteerActivity> {
    return this.view(auth, await this.gate.readActivity(auth, id));
  }

  async cancelActivity(auth: AuthContext, id: string): Promise<VolunteerActivity> {
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      if (a.cancelledAt) return;
      await this.repo.cancelActivity(tx, id, this.clock.now());
      await this.audit.record(auth, { action: 'volunteer.activity.cancel', objectType: 'volunteer_activity', objectId: id, orgPath: a.orgPath }, tx);
    });
    return this.activity(auth, id);
  }

  async setReport(auth: AuthContext, id: string, dto: ActivityReportDto): Promise<VolunteerActivity> {
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      if (this.clock.now() < a.startsAt) throw VolunteerErrors.notEnded();
      await this.repo.setReport(tx, id, dto.report);
      await this.audit.record(auth, { action: 'volunteer.activity.report', objectType: 'volunteer_activity', objectId: id, orgPath: a.orgPath }, tx);
    });
    return this.activity(auth, id);
  }

  // ---- places ----

  /** The caller signs up: a place while any remain, else the waiting list. */
  async signUp(auth: AuthContext, id: string): Promise<VolunteerActivity> {
    if (!auth.memberId) throw VolunteerErrors.notAMember();
    const memberId = auth.memberId;
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.readActivity(auth, id, tx);
      const volunteerId = await this.repo.memberVolunteer(tx, memberId);
      await this.take(tx, a, volunteerId);
    });
    return this.activity(auth, id);
  }

  /** The organiser signs up one of the team's volunteers (a 群众 without the app). */
  async addToRoster(auth: AuthContext, id: string, dto: RosterAddDto): Promise<VolunteerActivity> {
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      if (!(await this.repo.inTeam(a.teamId, dto.volunteerId, tx))) throw VolunteerErrors.notInTeam();
      await this.take(tx, a, dto.volunteerId);
    });
    return this.activity(auth, id);
  }

  async cancelSignUp(auth: AuthContext, id: string): Promise<VolunteerActivity> {
    if (!auth.memberId) throw VolunteerErrors.notAMember();
    const memberId = auth.memberId;
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.readActivity(auth, id, tx);
      await this.repo.lockActivity(tx, id);
      const volunteerId = await this.repo.memberVolunteer(tx, memberId);
      const s = await this.repo.signup(id, volunteerId, tx, true);
      if (!s || s.state === 'cancelled') throw VolunteerErrors.notSignedUp();
      if (s.signedInAt) throw VolunteerErrors.alreadySignedIn();
      await this.release(tx, a, s);
    });
    return this.activity(auth, id);
  }

  /** Under the activity lock: confirmed or waitlisted by the count of confirmed places now. */
  private async take(tx: EntityManager, a: ActivityRow, volunteerId: string): Promise<void> {
    if (a.cancelledAt) throw VolunteerErrors.cancelled();
    if (this.clock.now() > a.endsAt) throw VolunteerErrors.ended();
    await this.repo.lockActivity(tx, a.id);
    const state = signUpState(await this.repo.confirmedCount(tx, a.id), a.capacity);
    const signupId = await this.repo.signUp(tx, a.id, volunteerId, state, this.clock.now());
    if (!signupId) throw VolunteerErrors.alreadySignedUp();
  }

  /** Cancels a sign-up; a freed place goes to the first waiting, who is told (in the same transaction: the outbox). */
  private async release(tx: EntityManager, a: ActivityRow, s: SignupRow): Promise<void> {
    await this.repo.setState(tx, s.id, 'cancelled');
    if (s.state !== 'confirmed') return;
    const next = await this.repo.promoteFirst(tx, a.id);
    if (next?.userId)
      await this.notifier.notify(tx, [next.userId], {
        kind: 'volunteer.promoted',
        title: '候补转正',
        body: `您已从候补转为正式报名：${a.title}`,
        link: `/packages/volunteer/pages/activity/index?id=${a.id}`,
      });
  }

  private teamSummary(t: TeamRow, canManage: boolean): Omit<VolunteerTeam, 'volunteers'> {
    return {
      id: t.id,
      orgId: t.orgId,
      orgName: t.orgName,
      name: t.name,
      description: t.description,
      volunteerCount: t.volunteerCount,
      leaders: t.leaders,
      canManage,
    };
  }

  private async view(auth: AuthContext, a: ActivityRow): Promise<VolunteerActivity> {
    const mine = auth.memberId ? await this.repo.memberSignup(a.id, auth.memberId) : null;
    const photos = await this.repo.photos(a.id);
    return {
      id: a.id,
      teamId: a.teamId,
      teamName: a.teamName,
      orgName: a.orgName,
      title: a.title,
      place: a.place,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount,
      description: a.description,
      cancelled: a.cancelledAt !== null,
      ruleSet: a.ruleSet,
      capLabel: VOLUNTEER_RULE_SETS[a.ruleSet].label,
      report: a.report,
      photos: photos.map((p) => ({ id: p.id, url: `/api/v1/volunteer/activities/${a.id}/photos/${p.id}` })),
      mySignup:
        mine && mine.state !== 'cancelled'
          ? {
              state: mine.state,
              waitPosition: mine.waitPosition,
              signedInAt: iso(mine.signedInAt),
              signedOutAt: iso(mine.signedOutAt),
              serviceSeconds: mine.serviceSeconds,
            }
          : null,
      canManage: await this.gate.canManageTeam(auth, { id: a.teamId, orgPath: a.orgPath }),
    };
  }
}
