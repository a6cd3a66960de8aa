/** Where the 企业服务 pages are (home tile, notifications, to-dos link to the detail). */
export const REQUESTS_HOME_URL = '/packages/requests/pages/mine/index';
export const NEW_REQUEST_URL = '/packages/requests/pages/new/index';
export const requestUrl = (id: string) => `/packages/requests/pages/detail/index?id=${id}`;
export const manageUrl = (committeeId: string) => `/packages/requests/pages/manage/index?committeeId=${committeeId}`;
export const servicesUrl = (committeeId: string) => `/packages/requests/pages/services/index?committeeId=${committeeId}`;
export const temporaryUrl = (orgId: string) => `/packages/requests/pages/temporary/index?orgId=${orgId}`;
export const contactsUrl = (committeeId: string) => `/packages/requests/pages/contacts/index?committeeId=${committeeId}`;
