import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chinaToday,
  canApproveProbationary,
  checkChildKinds,
  checkJoint,
  checkLevel,
  checkParentKind,
  organisationWarnings,
  suggestedKind,
  type ChildCount,
  type CreateOrganisationDto,
  type MoveOrganisationDto,
  type Organisation,
  type OrganisationDetail,
  type Page,
  type SubtreeSearchQuery,
  type UpdateOrganisationDto,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import { CommitteeRepository } from './committee.repository.js';

import { enforce, OrgErrors } from './organisations.errors.js';
import { OrganisationsRepository, type OrgRow } from './organisations.repository.js';

const FK_VIOLATION = '23503';

/** Drops the internal fields: the API shape of an organisation. */
export const mapOrganisation = (o: OrgRow): Organisation => ({
  id: o.id,
  parentId: o.parentId,
  name: o.name,
  kind: o.kind,
  isJoint: o.isJoint,
  isTemporary: o.isTemporary,
  depth: o.depth,
  enterpriseIds: o.enterpriseIds,
  memberCount: o.memberCount,
  fullMemberCount: o.fullMemberCount,
  establishedOn: o.establishedOn,
});

/** The organisation tree (O1–O8): reading, creating, changing, moving and deleting nodes. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly orgs: OrganisationsRepository,
    private readonly committee: CommitteeRepository,
  ) {}

  /**
   * The caller's scope roots: organisations where a grant gives `org.read`, without those inside a
   * wider one, plus the member's own organisation when no grant covers it.
   */
  async roots(auth: AuthContext): Promise<Organisation[]> {
    const roots = this.access.scopes(auth, 'org.read');
    const own = auth.memberOrg?.path;
    if (own && !this.access.can(auth, 'org.read', own)) roots.push(own);
    return (await this.orgs.findByPaths(roots)).map(mapOrganisation);
  }

  /** A plain member may read their own organisation's detail (not its subtree). */
  async detail(auth: AuthContext, id: string): Promise<OrganisationDetail> {
    if (auth.memberOrg?.id !== id) await this.access.requireOrg(auth, 'org.read', id);
    return this.buildDetail(id);
  }

  async children(auth: AuthContext, id: string): Promise<Organisation[]> {
    await this.access.requireOrg(auth, 'org.read', id);
    return (await this.orgs.children(id)).map(mapOrganisation);
  }

  async childCounts(auth: AuthContext, id: string): Promise<ChildCount[]> {
    const path = await this.access.requireOrg(auth, 'org.read', id);
    const kind = await this.orgs.kindOf(id);
    if (!kind) throw notFound('组织');
    return this.orgs.childCounts({ id, path, kind });
  }

  async subtree(auth: AuthContext, id: string, query: SubtreeSearchQuery): Promise<Page<Organisation>> {
    const path = await this.access.requireOrg(auth, 'org.read', id);
    const { items, total } = await this.orgs.searchSubtree({ path, ...query });
    return { items: items.map(mapOrganisation), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * `alongside` runs in the creating transaction, so what another module keeps beside the new node
   * (a temporary branch's project row) exists exactly when the node does.
   */
  async create(auth: AuthContext, dto: CreateOrganisationDto, alongside?: (tx: EntityManager, orgId: string) => Promise<void>): Promise<OrganisationDetail> {
    if (dto.parentId === null) {
      if (!auth.grants.some((g) => g.role === 'platform_admin')) throw OrgErrors.rootRequiresPlatformAdmin();
    } else {
      await this.access.requireOrg(auth, 'org.manage', dto.parentId);
    }
    const enterpriseIds = [...new Set(dto.enterpriseIds)];
    const id = await this.db.transaction(async (tx) => {
      await this.orgs.treeLock(tx, 'shared');
      let parentKind = null;
      if (dto.parentId !== null) {
        // Held until commit: the parent cannot be deleted, moved or changed in kind meanwhile.
        const kind = await this.orgs.kindOf(dto.parentId, { manager: tx, share: true });
        if (!kind) throw notFound('上级组织');
        parentKind = kind;
      }
      enforce(checkParentKind(dto.kind, parentKind));
      enforce(checkJoint({ kind: dto.kind, isJoint: dto.isJoint, enterpriseCount: enterpriseIds.length }));
      // A new organisation has no members yet; the rule bites when the kind is changed later.
      enforce(checkLevel({ kind: dto.kind, subtreeMemberCount: 0, levelApprovalNote: dto.levelApprovalNote }));
      await this.requireEnterprises(tx, enterpriseIds);
      const newId = await this.orgs.insert(tx, {
        parentId: dto.parentId,
        name: dto.name,
        kind: dto.kind,
        isJoint: dto.isJoint,
        isTemporary: dto.isTemporary,
        establishedOn: dto.establishedOn ?? null,
        levelApprovalNote: dto.levelApprovalNote ?? null,
      });
      await this.orgs.setEnterprises(tx, newId, enterpriseIds);
      const created = (await this.orgs.findById(newId, tx))!;
      await this.audit.record(
        auth,
        { action: 'organisation.create', objectType: 'organisation', objectId: newId, orgPath: created.path, details: { ...dto, enterpriseIds } },
        tx,
      );
      await alongside?.(tx, newId);
      return newId;
    });
    return this.buildDetail(id);
  }

  async update(auth: AuthContext, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDetail> {
    await this.access.requireOrg(auth, 'org.manage', id);
    await this.db.transaction(async (tx) => {
      const before = await this.orgs.lock(tx, id);
      if (!before) throw notFound('组织');
      const next = {
        name: dto.name ?? before.name,
        kind: dto.kind ?? before.kind,
        isJoint: dto.isJoint ?? before.isJoint,
        isTemporary: dto.isTemporary ?? before.isTemporary,
        establishedOn: dto.establishedOn === undefined ? before.establishedOn : dto.establishedOn,
        levelApprovalNote: dto.levelApprovalNote === undefined ? before.levelApprovalNote : dto.levelApprovalNote,
      };
      const enterpriseIds = dto.enterpriseIds ? [...new Set(dto.enterpriseIds)] : before.enterpriseIds;
      if (next.kind !== before.kind) {
        if (next.kind === 'group' || before.kind === 'group') throw OrgErrors.kindChangeNotAllowed();
        const parent = before.parentId ? await this.orgs.findById(before.parentId, tx) : null;
        enforce(checkParentKind(next.kind, parent?.kind ?? null));
        enforce(checkChildKinds(next.kind, await this.orgs.childKinds(tx, id)));
        const { total } = await this.orgs.subtreeCounts(before.path, tx);
        enforce(checkLevel({ kind: next.kind, subtreeMemberCount: total, levelApprovalNote: next.levelApprovalNote }));
      }
      enforce(checkJoint({ kind: next.kind, isJoint: next.isJoint, enterpriseCount: enterpriseIds.length }));
      if (dto.enterpriseIds) {
        await this.requireEnterprises(tx, enterpriseIds);
        await this.orgs.setEnterprises(tx, id, enterpriseIds);
      }
      await this.orgs.update(tx, id, next);
      await this.audit.record(
        auth,
        {
          action: 'organisation.update',
          objectType: 'organisation',
          objectId: id,
          orgPath: before.path,
          details: { before: { ...pick(before, Object.keys(dto)) }, after: dto },
        },
        tx,
      );
    });
    return this.buildDetail(id);
  }

  async move(auth: AuthContext, id: string, dto: MoveOrganisationDto): Promise<OrganisationDetail> {
    await this.access.requireOrg(auth, 'org.manage', id);
    await this.access.requireOrg(auth, 'org.manage', dto.parentId);
    await this.db.transaction(async (tx) => {
      await this.orgs.treeLock(tx, 'exclusive');
      const org = await this.orgs.lock(tx, id);
      const parent = await this.orgs.findById(dto.parentId, tx);
      if (!org) throw notFound('组织');
      if (!parent) throw notFound('上级组织');
      if (parent.path === org.path || parent.path.startsWith(`${org.path}.`)) throw OrgErrors.moveIntoOwnSubtree();
      if (org.parentId === parent.id) return;
      enforce(checkParentKind(org.kind, parent.kind));
      if (org.kind === 'group') {
        // Members assigned to a group keep their relationship with the old branch: they must be reassigned first.
        const assigned = await this.orgs.assignedToGroup(id, tx);
        if (assigned > 0) throw OrgErrors.groupHasAssignedMembers(assigned);
      }
      await this.orgs.setParent(tx, id, parent.id);
      const moved = (await this.orgs.findById(id, tx))!;
      await this.audit.record(
        auth,
        {
          action: 'organisation.move',
          objectType: 'organisation',
          objectId: id,
          orgPath: moved.path,
          details: { fromParentId: org.parentId, toParentId: parent.id, fromPath: org.path, toPath: moved.path },
        },
        tx,
      );
    });
    return this.buildDetail(id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.access.requireOrg(auth, 'org.manage', id);
    try {
      await this.db.transaction(async (tx) => {
        const org = await this.orgs.lock(tx, id);
        if (!org) throw notFound('组织');
        const { children } = await this.orgs.childStats(id, tx);
        if (children > 0) throw OrgErrors.hasChildren(children);
        const members = org.kind === 'group' ? await this.orgs.assignedToGroup(id, tx) : await this.orgs.ownMembers(tx, id);
        if (members > 0) throw OrgErrors.hasMembers(members);
        await this.orgs.delete(tx, id);
        await this.audit.record(
          auth,
          {
            action: 'organisation.delete',
            objectType: 'organisation',
            objectId: id,
            orgPath: org.path,
            details: { name: org.name, kind: org.kind, parentId: org.parentId },
          },
          tx,
        );
      });
    } catch (err) {
      // Another module's rows still point here (meetings, fees …): refuse rather than cascade history away.
      if ((err as { code?: string }).code === FK_VIOLATION) throw OrgErrors.inUse();
      throw err;
    }
  }

  /** The detail with counts over the subtree and every warning of O2–O8. */
  async buildDetail(id: string, manager?: EntityManager): Promise<OrganisationDetail> {
    const org = await this.orgs.findById(id, manager);
    if (!org) throw notFound('组织');
    const counts = org.kind === 'group' ? { total: org.memberCount, full: org.fullMemberCount } : await this.orgs.subtreeCounts(org.path, manager);
    const [stats, enterprises, ancestors, positions, latestTerm] = await Promise.all([
      this.orgs.childStats(id, manager),
      this.orgs.enterprisesOf(id),
      this.orgs.ancestors(org.path),
      this.committee.currentPositions(id),
      this.committee.latestTerm(id),
    ]);
    const warnings = organisationWarnings({
      kind: org.kind,
      isJoint: org.isJoint,
      memberCount: org.memberCount,
      fullMemberCount: org.fullMemberCount,
      subtreeMemberCount: counts.total,
      subtreeFullMemberCount: counts.full,
      enterpriseCount: enterprises.length,
      levelApprovalNote: org.levelApprovalNote,
      groupCount: stats.groups,
      positions,
      latestTerm,
      today: chinaToday(),
    });
    return {
      ...mapOrganisation(org),
      subtreeMemberCount: counts.total,
      subtreeFullMemberCount: counts.full,
      childCount: stats.children,
      enterprises,
      levelApprovalNote: org.levelApprovalNote,
      suggestedKind: org.kind === 'group' ? 'group' : suggestedKind(counts.total),
      canApproveProbationary: canApproveProbationary(org),
      ancestors,
      warnings,
    };
  }

  private async requireEnterprises(tx: EntityManager, ids: string[]) {
    const missing = await this.orgs.missingEnterprises(tx, ids);
    if (missing.length > 0) throw OrgErrors.enterpriseUnknown(missing);
  }
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}
