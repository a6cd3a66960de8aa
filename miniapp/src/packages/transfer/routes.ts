const enc = encodeURIComponent;

export const TRANSFER_HOME_URL = '/packages/transfer/pages/index/index';
export const transferApplyUrl = () => '/packages/transfer/pages/apply/index';
/** The applicant corrects a returned transfer (T7). */
export const transferResubmitUrl = (id: string) => `${transferApplyUrl()}?id=${enc(id)}`;
/** The sending branch starts a transfer for one of its members (T2). */
export const transferInitiateUrl = (memberId: string, memberName: string) => `${transferApplyUrl()}?memberId=${enc(memberId)}&memberName=${enc(memberName)}`;
export const transferMobileUrl = (orgId: string, orgName: string) => `/packages/transfer/pages/mobile/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
export const transferDetailUrl = (id: string) => `/packages/transfer/pages/detail/index?id=${enc(id)}`;
export const transferQueuesUrl = (orgId: string, orgName: string) => `/packages/transfer/pages/queues/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
export const transferVerifyUrl = () => '/packages/transfer/pages/verify/index';
export const transferRegisterUrl = (orgId: string, orgName: string) => `/packages/transfer/pages/register/index?orgId=${enc(orgId)}&orgName=${enc(orgName)}`;
export const inboxUrl = () => '/packages/transfer/pages/inbox/index';
