import { ORG_KIND_LABEL, ROLE_LABEL, type Me, type OrgKind, type Role } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';

export const toMe = (auth: AuthContext): Me => ({
  userId: auth.userId,
  displayName: auth.displayName,
  memberId: auth.memberId,
  orgId: auth.memberOrg?.id ?? null,
  orgName: auth.memberOrg?.name ?? null,
  roles: auth.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName })),
  isDemo: auth.isDemo,
});

/** Highest first: the role a person is introduced by. */
const ROLE_RANK: Role[] = [
  'platform_admin',
  'org_worker',
  'secretary',
  'deputy_secretary',
  'organisation_member',
  'propaganda_member',
  'discipline_member',
  'committee_member',
  'group_leader',
  'member',
];

const COMMITTEE_MEMBER_TITLE: Record<OrgKind, string> = {
  committee: '党委委员',
  general_branch: '党总支委员',
  branch: '党支部委员',
  group: '党小组成员',
};

/** "党支部书记", "党委副书记", "党小组组长", "组织工作人员": the title a role has on that kind of organisation. */
export function roleTitle(role: Role, kind: OrgKind): string {
  switch (role) {
    case 'secretary':
    case 'deputy_secretary':
    case 'organisation_member':
    case 'propaganda_member':
    case 'discipline_member':
      return `${ORG_KIND_LABEL[kind]}${ROLE_LABEL[role]}`;
    case 'committee_member':
      return COMMITTEE_MEMBER_TITLE[kind];
    case 'group_leader':
    case 'org_worker':
    case 'platform_admin':
    case 'member':
      return ROLE_LABEL[role];
  }
}

export type TitledGrant = { role: Role; orgName: string; orgKind: OrgKind };

/** "党支部书记 · 星云科技党支部": the highest grant and where it is held. */
export function describeByGrants(grants: TitledGrant[]): string | null {
  const top = [...grants].sort((a, b) => ROLE_RANK.indexOf(a.role) - ROLE_RANK.indexOf(b.role))[0];
  return top ? `${roleTitle(top.role, top.orgKind)} · ${top.orgName}` : null;
}

export const rankOf = (grants: TitledGrant[]) => Math.min(ROLE_RANK.length, ...grants.map((g) => ROLE_RANK.indexOf(g.role)));
