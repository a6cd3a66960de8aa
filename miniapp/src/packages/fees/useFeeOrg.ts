import type { Permission } from '@dangjian/shared';
import { type OrgChoice, useOrgChoice } from '@/hooks/useOrgChoice';
import { grantsWith } from '@/utils/access';

export type FeeOrg = OrgChoice;

/** The organisation a fee worker page is about: the route's, one picked, or the first with `fee.read`. */
export function useFeeOrg() {
  const choice = useOrgChoice('fee.read');
  const { me } = choice;
  // The server decides per organisation (fee.manage on the subtree); this only hides what cannot work.
  const can = (permission: Permission) => Boolean(me && grantsWith(me, permission).length > 0);
  return { ...choice, canManage: can('fee.manage') };
}
