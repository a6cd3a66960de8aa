/** Pages of the PDCA package (K6); the server's to-dos and notifications link to the same paths. */
export const PDCA_PLANS_URL = '/packages/pdca/pages/plans/index';
export const PDCA_TASKS_URL = '/packages/pdca/pages/tasks/index';
const enc = encodeURIComponent;
export const pdcaPlanUrl = (id: string) => `/packages/pdca/pages/plan/index?id=${enc(id)}`;
export const pdcaNewPlanUrl = (orgId: string, orgName: string) => `/packages/pdca/pages/plan/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
export const pdcaTaskUrl = (id: string) => `/packages/pdca/pages/task/index?id=${enc(id)}`;
export const pdcaResultsUrl = (id: string) => `/packages/pdca/pages/results/index?id=${enc(id)}`;
export const pdcaTalkUrl = (id: string) => `/packages/pdca/pages/talk/index?id=${enc(id)}`;
