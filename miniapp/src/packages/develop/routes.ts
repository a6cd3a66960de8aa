const enc = encodeURIComponent;

export const DEVELOP_MINE_URL = '/packages/develop/pages/mine/index';
export const devDetailUrl = (id: string) => `/packages/develop/pages/detail/index?id=${enc(id)}`;
export const devBoardUrl = (orgId: string, orgName: string) => `/packages/develop/pages/board/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
export const devStatsUrl = (orgId: string, orgName: string) => `/packages/develop/pages/stats/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
