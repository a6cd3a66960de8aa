import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import type { Permission } from '@dangjian/shared';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';

export type FeeOrg = { orgId: string; orgName: string };

/** The organisation a fee worker page is about: the route's, one picked, or the first with `fee.read`. */
export function useFeeOrg() {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, 'fee.read') : []), [me]);
  const [picked, setPicked] = useState<FeeOrg | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) || (grants.find((g) => g.orgId === routeOrgId)?.orgName ?? '') } : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  const org = picked ?? fromRoute ?? fallback;
  // The server decides per organisation (fee.manage on the subtree); this only hides what cannot work.
  const can = (permission: Permission) => Boolean(me && grantsWith(me, permission).length > 0);
  return { me, org, grants, setPicked, canManage: can('fee.manage') };
}
