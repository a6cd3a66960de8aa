import type { CommitteePosition, MemberFlag, MemberStatus, OrgKind, Role } from '@dangjian/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { SessionService } from '../../src/auth/session.service.js';
import { RoleAssignmentEntity, UserAccountEntity } from '../../src/auth/auth.entities.js';
import { PhoneCipher } from '../../src/common/sensitive-cipher.js';
import { MemberEntity } from '../../src/members/member.entity.js';
import { CommitteePositionEntity } from '../../src/organisations/committee-position.entity.js';
import { OrganisationEntity } from '../../src/organisations/organisation.entity.js';

/** Test data written straight to the database, so each test states only what it is about. */
export class Fixtures {
  private seq = 0;
  constructor(
    private readonly ds: DataSource,
    private readonly app: NestFastifyApplication,
  ) {}

  async org(p: { name?: string; kind?: OrgKind; parentId?: string | null; isJoint?: boolean; isTemporary?: boolean } = {}) {
    const repo = this.ds.getRepository(OrganisationEntity);
    const saved = await repo.save(
      repo.create({
        name: p.name ?? `测试组织${++this.seq}`,
        kind: p.kind ?? 'branch',
        parentId: p.parentId ?? null,
        isJoint: p.isJoint ?? false,
        isTemporary: p.isTemporary ?? false,
      }),
    );
    return repo.findOneByOrFail({ id: saved.id });
  }

  /** committee → branch A, branch B (siblings), the usual shape for scope tests. */
  async tree() {
    const committee = await this.org({ name: '测试联合党委', kind: 'committee' });
    const branchA = await this.org({ name: '甲公司党支部', kind: 'branch', parentId: committee.id });
    const branchB = await this.org({ name: '乙公司党支部', kind: 'branch', parentId: committee.id });
    return { committee, branchA, branchB };
  }

  /** The member row, plus `phone` in plain (stored sealed, M4) for tests that type it back in. */
  async member(
    p: { orgId: string; name?: string; status?: MemberStatus; flags?: MemberFlag[]; phone?: string | null; groupId?: string | null } & Partial<MemberEntity>,
  ) {
    const n = ++this.seq;
    const repo = this.ds.getRepository(MemberEntity);
    const { orgId, phone: given, ...rest } = p;
    const phone = given === undefined ? `139${String(10_000_000 + n).slice(-8)}` : given;
    const saved = await repo.save(
      repo.create({
        gender: 'female',
        ethnicity: '汉族',
        birthDate: '1995-05-01',
        joinDate: '2018-07-01',
        fullMemberDate: p.status === 'probationary' ? null : '2019-07-01',
        status: 'full',
        flags: [],
        ...this.app.get(PhoneCipher).seal(phone),
        ...rest,
        name: p.name ?? `党员${n}`,
        organisationId: orgId,
      }),
    );
    return { ...(await repo.findOneByOrFail({ id: saved.id })), phone };
  }

  /**
   * A user with a session. `roles` become role assignments; `positions` committee seats of the
   * user's member (created in `memberOrgId` when given).
   */
  async user(
    p: {
      displayName?: string;
      memberId?: string;
      memberOrgId?: string;
      roles?: Array<{ role: Role; orgId: string }>;
      positions?: Array<{ position: CommitteePosition; orgId: string }>;
    } = {},
  ) {
    let memberId = p.memberId ?? null;
    if (!memberId && (p.memberOrgId || p.positions?.length)) {
      memberId = (await this.member({ orgId: p.memberOrgId ?? p.positions![0]!.orgId })).id;
    }
    const user = await this.ds.getRepository(UserAccountEntity).save({
      displayName: p.displayName ?? `用户${++this.seq}`,
      memberId,
    });
    for (const r of p.roles ?? []) {
      await this.ds.getRepository(RoleAssignmentEntity).insert({ userId: user.id, role: r.role, organisationId: r.orgId });
    }
    for (const pos of p.positions ?? []) {
      await this.ds.getRepository(CommitteePositionEntity).insert({
        organisationId: pos.orgId,
        memberId: memberId!,
        position: pos.position,
        startedOn: '2024-01-01',
      });
    }
    const tokens = await this.app.get(SessionService).open(user.id, 'test');
    return { user, memberId, token: tokens.accessToken, tokens };
  }
}
