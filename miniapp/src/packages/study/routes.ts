/** Addresses of the study pages (the 学习 tab links here). */
const q = encodeURIComponent;
const org = (orgId: string, orgName: string) => `orgId=${q(orgId)}&orgName=${q(orgName)}`;

export const coursesUrl = (filter: { categoryId?: string; required?: boolean; recommended?: boolean; title?: string } = {}) =>
  `/packages/study/pages/index/index?${Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${q(String(v))}`)
    .join('&')}`;
export const courseUrl = (id: string) => `/packages/study/pages/course/index?id=${q(id)}`;
export const lessonUrl = (id: string) => `/packages/study/pages/lesson/index?id=${q(id)}`;
export const quizUrl = (id: string) => `/packages/study/pages/quiz/index?id=${q(id)}`;
export const pointsUrl = () => '/packages/study/pages/points/index';
export const oversightUrl = (orgId: string, orgName: string) => `/packages/study/pages/oversight/index?${org(orgId, orgName)}`;
export const assignUrl = (orgId: string, orgName: string, courseId?: string) =>
  `/packages/study/pages/assign/index?${org(orgId, orgName)}${courseId ? `&courseId=${q(courseId)}` : ''}`;
export const offlineTrainingUrl = (orgId: string, orgName: string) => `/packages/study/pages/offline-training/index?${org(orgId, orgName)}`;
export const assignmentUrl = (id: string) => `/packages/study/pages/assignment/index?id=${q(id)}`;
export const consoleUrl = () => '/packages/study/pages/console/index';
export const courseEditUrl = (id?: string) => `/packages/study/pages/course-edit/index${id ? `?id=${q(id)}` : ''}`;
