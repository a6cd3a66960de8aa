/** Where the ledger pages are (home tile, to-dos, links between them). */
const q = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
export const ledgerUrl = (orgId: string, orgName: string, gap?: string) => `/packages/ledger/pages/index/index?${q({ orgId, orgName, gap })}`;
export const ledgerDetailUrl = (id: string) => `/packages/ledger/pages/detail/index?id=${id}`;
export const ledgerEditUrl = (p: { id?: string; committeeId?: string }) => `/packages/ledger/pages/edit/index?${q(p)}`;
export const ledgerImportUrl = (orgId: string, orgName: string) => `/packages/ledger/pages/import/index?${q({ orgId, orgName })}`;
export const coverageUrl = (orgId: string, orgName: string) => `/packages/ledger/pages/coverage/index?${q({ orgId, orgName })}`;
export const MY_VISITS_URL = '/packages/ledger/pages/visits/index';
/** An officer's plan, as a committee worker sees it. */
export const officerVisitsUrl = (userId: string, name: string) => `${MY_VISITS_URL}?${q({ userId, name })}`;
export const visitNewUrl = (enterpriseId: string) => `/packages/ledger/pages/visit-new/index?enterpriseId=${enterpriseId}`;
