import type { Me, RoleGrant } from '@dangjian/shared';
import { ROLE_PERMISSIONS, type Permission } from '@dangjian/shared';

/** The person's grants whose role carries `permission`, one per organisation, in grant order. */
export function grantsWith(me: Pick<Me, 'roles'>, permission: Permission): RoleGrant[] {
  const seen = new Set<string>();
  return me.roles.filter((g) => {
    if (!ROLE_PERMISSIONS[g.role].includes(permission) || seen.has(g.orgId)) return false;
    seen.add(g.orgId);
    return true;
  });
}

export const memberListUrl = (orgId: string, orgName: string) =>
  `/packages/admin/pages/members/index?orgId=${encodeURIComponent(orgId)}&orgName=${encodeURIComponent(orgName)}`;

/** 添加党员 in a branch (the secretary's phone form). */
export const memberEditUrl = (orgId: string, orgName: string) =>
  `/packages/admin/pages/member-edit/index?orgId=${encodeURIComponent(orgId)}&orgName=${encodeURIComponent(orgName)}`;

export const meetingListUrl = (orgId: string, orgName: string) =>
  `/packages/meetings/pages/list/index?orgId=${encodeURIComponent(orgId)}&orgName=${encodeURIComponent(orgName)}`;
