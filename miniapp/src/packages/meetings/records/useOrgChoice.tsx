import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Picker, Text } from '@tarojs/components';
import type { Permission, RoleGrant } from '@dangjian/shared';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';

export type OrgRef = { orgId: string; orgName: string };

/** The organisation a record page shows: picked, else from the address, else the first grant with `permission`. */
export function useOrgChoice(permission: Permission) {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, permission) : []), [me, permission]);
  const [picked, setPicked] = useState<OrgRef | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId
    ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) || (grants.find((g) => g.orgId === routeOrgId)?.orgName ?? '') }
    : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  return { me, grants, org: picked ?? fromRoute ?? fallback, pick: setPicked };
}

/** The organisation's name; a picker when the person has several. */
export function OrgSwitch({ org, grants, onPick }: { org: OrgRef; grants: RoleGrant[]; onPick: (o: OrgRef) => void }) {
  if (grants.length < 2) return <Text className='records__org'>{org.orgName}</Text>;
  return (
    <Picker
      mode='selector'
      range={grants.map((g) => g.orgName)}
      onChange={(e) => {
        const g = grants[Number(e.detail.value)];
        if (g) onPick({ orgId: g.orgId, orgName: g.orgName });
      }}
    >
      <Text className='records__org records__org--switch'>{org.orgName} ▾</Text>
    </Picker>
  );
}
