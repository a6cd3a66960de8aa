import { hasPermission, type Me } from '@dangjian/shared';

/** The organisations where the person schedules live classes and sets the rota (study.manage), as picker options. */
export const liveOrgOptions = (me: Me | null) =>
  (me?.roles ?? []).filter((g) => hasPermission([g], 'study.manage')).map((g) => ({ value: g.orgId, label: g.orgName }));
