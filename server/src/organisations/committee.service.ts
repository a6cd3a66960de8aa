import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chinaToday,
  addDays,
  checkPositionAssignment,
  checkPositionHolder,
  checkTerm,
  CommitteePosition,
  committeeWarnings,
  dayNumber,
  hasCommittee,
  isStandardTerm,
  OrgRuleCode,
  termStatus,
  termWarnings,
  type Committee,
  type CommitteePositionHolder,
  type CommitteeTerm,
  type CreatePositionDto,
  type CreateTermDto,
  type OrgKind,
  type TermReminder,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import { CommitteeRepository, type TermRow } from './committee.repository.js';

import { enforce, OrgErrors, ruleError } from './organisations.errors.js';
import { OrganisationsRepository, type OrgRow } from './organisations.repository.js';

const UNIQUE_VIOLATION = '23505';

const mapTerm = (t: TermRow, kind: OrgKind): CommitteeTerm => ({ ...t, isStandardLength: isStandardTerm(kind, t.startsOn, t.endsOn) });

/** Committees (O4), groups' 组长 (O8) and terms of office (O6). */
@Injectable()
export class CommitteeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly orgs: OrganisationsRepository,
    private readonly committee: CommitteeRepository,
  ) {}

  async get(auth: AuthContext, orgId: string): Promise<Committee> {
    await this.access.requireOrg(auth, 'org.read', orgId);
    const org = await this.orgs.findById(orgId);
    if (!org) throw notFound('组织');
    const today = chinaToday();
    const [eligible, positions, term, latest] = await Promise.all([
      this.eligibleFullMembers(org),
      this.committee.currentPositions(orgId),
      this.committee.currentTerm(orgId, today),
      this.committee.latestTerm(orgId),
    ]);
    const probe = '00000000-0000-0000-0000-000000000000';
    const allowedPositions = CommitteePosition.options.filter(
      (position) => checkPositionAssignment({ kind: org.kind, eligibleFullMembers: eligible, current: positions, memberId: probe, position }) === null,
    );
    return {
      orgId,
      kind: org.kind,
      eligibleFullMembers: eligible,
      hasCommittee: org.kind !== 'group' && hasCommittee(eligible),
      allowedPositions,
      currentTerm: term ? mapTerm(term, org.kind) : null,
      positions,
      warnings: [
        ...committeeWarnings({ kind: org.kind, eligibleFullMembers: eligible, current: positions }),
        ...termWarnings(org.kind === 'group' ? null : latest, today),
      ],
    };
  }

  async addPosition(auth: AuthContext, orgId: string, dto: CreatePositionDto): Promise<CommitteePositionHolder> {
    const path = await this.access.requireOrg(auth, 'org.manage', orgId);
    const today = chinaToday();
    try {
      return await this.db.transaction(async (tx) => {
        // Seat changes on one organisation queue up here, so the O4 counts below stay true until commit.
        const org = await this.orgs.lock(tx, orgId);
        if (!org) throw notFound('组织');
        const member = await this.committee.member(tx, dto.memberId);
        if (!member) throw OrgErrors.memberUnknown();
        enforce(checkPositionHolder(org, member));
        const current = await this.committee.currentPositions(orgId, tx);
        const eligible = await this.eligibleFullMembers(org, tx);
        enforce(checkPositionAssignment({ kind: org.kind, eligibleFullMembers: eligible, current, memberId: dto.memberId, position: dto.position }));
        let termId: string | null = null;
        if (dto.termId) {
          if (!(await this.committee.termOf(tx, orgId, dto.termId))) throw OrgErrors.termUnknown();
          termId = dto.termId;
        } else if (org.kind !== 'group') {
          termId = (await this.committee.currentTerm(orgId, today, tx))?.id ?? null;
        }
        const id = await this.committee.insertPosition(tx, {
          orgId,
          memberId: dto.memberId,
          position: dto.position,
          termId,
          startedOn: dto.startedOn ?? today,
        });
        await this.audit.record(
          auth,
          {
            action: 'committee.position.add',
            objectType: 'committee_position',
            objectId: id,
            orgPath: path,
            details: { memberId: dto.memberId, memberName: member.name, position: dto.position, termId },
          },
          tx,
        );
        return (await this.committee.position(tx, id))!;
      });
    } catch (err) {
      // The partial unique indexes are the last word when two requests race past the lock-free path.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw ruleError({ rule: 'O4', code: OrgRuleCode.POSITION_TAKEN, message: '该职务已有人担任' });
      }
      throw err;
    }
  }

  async endPosition(auth: AuthContext, orgId: string, positionId: string): Promise<CommitteePositionHolder> {
    const path = await this.access.requireOrg(auth, 'org.manage', orgId);
    return this.db.transaction(async (tx) => {
      const before = await this.committee.position(tx, positionId);
      if (!before || before.orgId !== orgId) throw notFound('职务');
      if (!(await this.committee.endPosition(tx, orgId, positionId, chinaToday()))) throw OrgErrors.positionEnded();
      await this.audit.record(
        auth,
        {
          action: 'committee.position.end',
          objectType: 'committee_position',
          objectId: positionId,
          orgPath: path,
          details: { memberId: before.memberId, memberName: before.memberName, position: before.position },
        },
        tx,
      );
      return (await this.committee.position(tx, positionId))!;
    });
  }

  async terms(auth: AuthContext, orgId: string): Promise<CommitteeTerm[]> {
    await this.access.requireOrg(auth, 'org.read', orgId);
    const org = await this.orgs.findById(orgId);
    if (!org) throw notFound('组织');
    return (await this.committee.terms(orgId)).map((t) => mapTerm(t, org.kind));
  }

  async addTerm(auth: AuthContext, orgId: string, dto: CreateTermDto): Promise<CommitteeTerm> {
    const path = await this.access.requireOrg(auth, 'org.manage', orgId);
    return this.db.transaction(async (tx) => {
      const org = await this.orgs.lock(tx, orgId);
      if (!org) throw notFound('组织');
      const previous = await this.committee.latestTerm(orgId, tx);
      const approvalNote = dto.approvalNote?.trim() ? dto.approvalNote.trim() : null;
      enforce(checkTerm({ kind: org.kind, startsOn: dto.startsOn, endsOn: dto.endsOn, approvalNote, previousStartsOn: previous?.startsOn ?? null }));
      const row = { orgId, startsOn: dto.startsOn, endsOn: dto.endsOn, approvalNote };
      const id = await this.committee.insertTerm(tx, row);
      await this.audit.record(auth, { action: 'committee.term.create', objectType: 'committee_term', objectId: id, orgPath: path, details: row }, tx);
      return mapTerm({ id, ...row }, org.kind);
    });
  }

  /** O6: terms in the subtree ending within `withinDays`, or already overdue with no newer term. */
  async reminders(auth: AuthContext, orgId: string, withinDays: number): Promise<TermReminder[]> {
    const path = await this.access.requireOrg(auth, 'org.read', orgId);
    const today = chinaToday();
    const rows = await this.committee.reminders(path, addDays(today, withinDays));
    return rows.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      kind: r.kind,
      termId: r.id,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      daysLeft: dayNumber(r.endsOn) - dayNumber(today),
      status: termStatus(r.endsOn, today, withinDays) === 'overdue' ? 'overdue' : 'expiring',
    }));
  }

  /** O4: a branch counts its own full members; a 党总支 or 党委 its subtree's (its committee sits in its branches). */
  private async eligibleFullMembers(org: OrgRow, manager?: EntityManager): Promise<number> {
    if (org.kind === 'branch' || org.kind === 'group') return org.fullMemberCount;
    return (await this.orgs.subtreeCounts(org.path, manager)).full;
  }
}
