import { Inject, Injectable } from '@nestjs/common';
import {
  chinaToday,
  TEMPORARY_KIND_LABEL,
  type CreateOrganisationDto,
  type CreateTemporaryBranchDto,
  type DissolveResult,
  type SecondMembersDto,
  type TemporaryBranch,
  type TemporaryBranchList,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound, unprocessable } from '../common/domain-error.js';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { TemporaryBranchesRepository, type BranchRow, type SecondmentRow } from './temporary-branches.repository.js';

/**
 * Temporary branches (临时党支部 / 战时党支部, S4). The organisation is an ordinary tree node flagged
 * `is_temporary` (the tree marks it 临时; O7 already keeps it from approving members in development);
 * the project and dates live in temporary_branch. Members are seconded, never moved (M2): their
 * formal organisation, fees and transfers do not change; the database refuses a member whose formal
 * organisation would be a temporary one (trigger member_not_in_temporary).
 */
@Injectable()
export class TemporaryBranchesService {
  constructor(
    private readonly repo: TemporaryBranchesRepository,
    private readonly orgs: OrganisationsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private view(b: BranchRow, secondments: SecondmentRow[]): TemporaryBranch {
    return {
      orgId: b.orgId,
      name: b.name,
      parent: { id: b.parentId, name: b.parentName },
      project: b.project,
      kind: b.kind,
      kindLabel: TEMPORARY_KIND_LABEL[b.kind],
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      dissolvedAt: b.dissolvedAt?.toISOString() ?? null,
      active: b.dissolvedAt === null,
      secondments: secondments.filter((s) => s.orgId === b.orgId).map(({ orgId: _, ...s }) => s),
    };
  }

  /** Set up: a branch node under the committee (org.manage there), flagged temporary, and its project and dates. */
  async create(auth: AuthContext, dto: CreateTemporaryBranchDto): Promise<TemporaryBranch> {
    const parent = await this.access.requireOrg(auth, 'org.manage', dto.parentId);
    if (!(await this.repo.isCommittee(dto.parentId))) throw unprocessable('TEMPORARY_BRANCH_PARENT', '临时党支部应由基层党委设立');
    // The node is created by the organisations module (its tree lock, kind and audit rules); the project
    // row is written in the same transaction, so a temporary branch never exists without its project.
    const org = await this.orgs.create(
      auth,
      {
        parentId: dto.parentId,
        name: dto.name,
        kind: 'branch',
        isJoint: false,
        isTemporary: true,
        establishedOn: dto.startsOn,
        enterpriseIds: [],
      } satisfies CreateOrganisationDto,
      async (tx, orgId) => {
        await this.repo.insert(tx, { orgId, project: dto.project, kind: dto.kind, startsOn: dto.startsOn, endsOn: dto.endsOn });
        await this.audit.record(auth, { action: 'temporary_branch.create', objectType: 'organisation', objectId: orgId, orgPath: parent, details: dto }, tx);
      },
    );
    return this.get(auth, org.id);
  }

  async get(auth: AuthContext, orgId: string): Promise<TemporaryBranch> {
    const b = await this.repo.find(orgId);
    if (!b) throw notFound('临时党支部');
    this.access.assert(auth, 'org.read', b.path);
    return this.view(b, await this.repo.secondments([b.orgId]));
  }

  async list(auth: AuthContext, orgId: string): Promise<TemporaryBranchList> {
    const root = await this.access.requireOrg(auth, 'org.read', orgId);
    const branches = await this.repo.inSubtree(root);
    const secondments = await this.repo.secondments(branches.map((b) => b.orgId));
    return { items: branches.map((b) => this.view(b, secondments)) };
  }

  /** M2: second members (member.manage over each, org.manage over the branch); they join its upcoming meetings as guests (C4). */
  async second(auth: AuthContext, orgId: string, dto: SecondMembersDto): Promise<TemporaryBranch> {
    const b = await this.repo.find(orgId);
    if (!b) throw notFound('临时党支部');
    this.access.assert(auth, 'org.manage', b.path);
    if (b.dissolvedAt) throw unprocessable('TEMPORARY_BRANCH_DISSOLVED', '该临时党支部已撤销，不能再选派党员');
    const ids = [...new Set(dto.memberIds)];
    const members = await this.repo.memberPaths(ids);
    if (members.length !== ids.length || members.some((m) => m.leftAt !== null)) throw notFound('党员');
    if (members.some((m) => !this.access.can(auth, 'member.manage', m.path))) throw forbidden('只能选派本党委范围内的党员');
    const now = this.clock.now();
    await this.repo.transaction(async (tx) => {
      const added = await this.repo.second(tx, orgId, ids, chinaToday(now));
      // Already seconded: nothing changed, nothing to record.
      if (!added.length) return;
      const meetings = await this.repo.addToUpcomingMeetings(tx, orgId, added, now);
      await this.audit.record(
        auth,
        {
          action: 'temporary_branch.second',
          objectType: 'organisation',
          objectId: orgId,
          orgPath: b.path,
          details: { memberIds: added, meetingsJoined: meetings },
        },
        tx,
      );
    });
    return this.get(auth, orgId);
  }

  async endSecondment(auth: AuthContext, id: string): Promise<TemporaryBranch> {
    const s = await this.repo.secondment(id);
    if (!s) throw notFound('选派记录');
    const b = (await this.repo.find(s.orgId))!;
    this.access.assert(auth, 'org.manage', b.path);
    await this.repo.transaction(async (tx) => {
      await this.repo.endSecondment(tx, id, chinaToday(this.clock.now()));
      await this.audit.record(
        auth,
        { action: 'temporary_branch.end_secondment', objectType: 'organisation', objectId: s.orgId, orgPath: b.path, details: { memberId: s.memberId } },
        tx,
      );
    });
    return this.get(auth, s.orgId);
  }

  /** S4: branches past their end date are dissolved (secondments end on the end date); nothing is deleted. */
  async dissolveDue(): Promise<DissolveResult> {
    const now = this.clock.now();
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.due(tx, chinaToday(now));
      for (const b of due) {
        await this.repo.dissolve(tx, b.orgId, now, b.endsOn);
        await this.audit.record(
          null,
          {
            action: 'temporary_branch.dissolve',
            objectType: 'organisation',
            objectId: b.orgId,
            orgPath: b.path,
            details: { endsOn: b.endsOn, project: b.project },
          },
          tx,
        );
      }
      return { dissolved: due.length };
    });
  }
}

/** Dissolves temporary branches past their end date every TEMPORARY_BRANCH_SCAN_INTERVAL_S (advisory lock: one run at a time). */
@Injectable()
export class TemporaryBranchDissolveJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly service: TemporaryBranchesService,
  ) {
    super('TemporaryBranchDissolve');
  }

  protected get intervalS() {
    return this.config.TEMPORARY_BRANCH_SCAN_INTERVAL_S;
  }

  protected run() {
    return this.service.dissolveDue();
  }
}
