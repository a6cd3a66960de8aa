/** Addresses of the meeting-management pages. */
const q = encodeURIComponent;

export const createMeetingUrl = (orgId: string, orgName: string) => `/packages/meetings/pages/create/index?orgId=${q(orgId)}&orgName=${q(orgName)}`;
export const meetingDetailUrl = (id: string) => `/packages/meetings/pages/detail/index?id=${q(id)}`;
export const minutesUrl = (id: string) => `/packages/meetings/pages/minutes/index?id=${q(id)}`;
const orgQuery = (orgId: string, orgName: string) => `orgId=${q(orgId)}&orgName=${q(orgName)}`;
export const complianceUrl = (orgId: string, orgName: string) => `/packages/meetings/pages/compliance/index?${orgQuery(orgId, orgName)}`;
export const attendanceRateUrl = (orgId: string, orgName: string) => `/packages/meetings/pages/attendance-rate/index?${orgQuery(orgId, orgName)}`;
export const reviewCasesUrl = (orgId: string, orgName: string) => `/packages/meetings/pages/review-cases/index?${orgQuery(orgId, orgName)}`;
/** The month calendar; `orgId` shows a chosen organisation instead of the person's own. */
export const calendarUrl = (org?: { orgId: string; orgName: string }) =>
  `/packages/meetings/pages/calendar/index${org ? `?${orgQuery(org.orgId, org.orgName)}` : ''}`;
export const planUrl = (id: string) => `/packages/meetings/pages/plan/index?id=${q(id)}`;
export const plansUrl = (orgId: string, orgName: string) => `/packages/meetings/pages/plans/index?${orgQuery(orgId, orgName)}`;
