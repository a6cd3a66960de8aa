import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';

export type StudyOrg = { orgId: string; orgName: string };

/** The organisation a secretary's study page is about: from the address, a pick, or their first study.manage grant. */
export function useStudyOrg() {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, 'study.manage') : []), [me]);
  const [picked, setPicked] = useState<StudyOrg | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) } : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  return { org: picked ?? fromRoute ?? fallback, grants, setPicked };
}
