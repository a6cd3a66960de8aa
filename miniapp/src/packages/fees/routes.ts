const enc = encodeURIComponent;
const org = (orgId: string, orgName: string) => `orgId=${enc(orgId)}&orgName=${enc(orgName)}`;

export const FEES_HOME_URL = '/packages/fees/pages/index/index';
export const feeHistoryUrl = () => '/packages/fees/pages/history/index';
export const feeReceiptsUrl = () => '/packages/fees/pages/receipts/index';
export const feeBillsUrl = (orgId: string, orgName: string) => `/packages/fees/pages/bills/index?${org(orgId, orgName)}`;
export const feeArrearsUrl = (orgId: string, orgName: string) => `/packages/fees/pages/arrears/index?${org(orgId, orgName)}`;
export const feeReportUrl = (orgId: string, orgName: string) => `/packages/fees/pages/report/index?${org(orgId, orgName)}`;
export const feeStandardsUrl = (orgId: string, orgName: string) => `/packages/fees/pages/standards/index?${org(orgId, orgName)}`;
export const feeStandardUrl = (memberId: string, memberName: string, year: number) =>
  `/packages/fees/pages/standard/index?memberId=${enc(memberId)}&memberName=${enc(memberName)}&year=${year}`;
