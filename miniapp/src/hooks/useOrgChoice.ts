import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { Permission } from '@dangjian/shared';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';

export type OrgChoice = { orgId: string; orgName: string };

/**
 * The organisation a desk page is about (meetings, fees, transfers, study oversight): the one picked,
 * else the address's `orgId`/`orgName`, else the person's first organisation with `permission`.
 */
export function useOrgChoice(permission: Permission) {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, permission) : []), [me, permission]);
  const [picked, setPicked] = useState<OrgChoice | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId
    ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) || (grants.find((g) => g.orgId === routeOrgId)?.orgName ?? '') }
    : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  return { me, grants, org: picked ?? fromRoute ?? fallback, setPicked };
}
