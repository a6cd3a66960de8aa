/** Where the console's pages are (home tile, side navigation, the hall link). */
export const CONSOLE_HOME_URL = '/packages/console/pages/index/index';
export const consoleTableUrl = (kind: string) => `/packages/console/pages/table/index?kind=${kind}`;
/** 指数分析: a committee's ranking with a branch's trends and radar (`branchId`: the branch shown; default the first). */
export const consoleIndexesUrl = (orgId?: string, orgName?: string, branchId?: string) => {
  const q = [orgId && `orgId=${orgId}`, orgName && `orgName=${encodeURIComponent(orgName)}`, branchId && `branchId=${branchId}`].filter(Boolean).join('&');
  return `/packages/console/pages/indexes/index${q ? `?${q}` : ''}`;
};
