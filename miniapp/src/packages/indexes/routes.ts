/** Where the 五个指数 pages are (home tile, rows of the ranking). */
export const indexOverviewUrl = (orgId?: string, orgName?: string) =>
  `/packages/indexes/pages/overview/index${orgId ? `?orgId=${orgId}&orgName=${encodeURIComponent(orgName ?? '')}` : ''}`;
export const indexBranchUrl = (orgId: string, orgName: string, month?: string) =>
  `/packages/indexes/pages/branch/index?orgId=${orgId}&orgName=${encodeURIComponent(orgName)}${month ? `&month=${month}` : ''}`;
export const indexDefinitionsUrl = (orgId: string, orgName: string) =>
  `/packages/indexes/pages/definitions/index?orgId=${orgId}&orgName=${encodeURIComponent(orgName)}`;
