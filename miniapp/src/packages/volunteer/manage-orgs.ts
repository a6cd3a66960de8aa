import { hasPermission, type Me } from '@dangjian/shared';

/** The organisations where the person may create volunteer teams (volunteer.manage), as picker options. */
export const teamOrgOptions = (me: Me | null) =>
  (me?.roles ?? []).filter((g) => hasPermission([g], 'volunteer.manage')).map((g) => ({ value: g.orgId, label: g.orgName }));
