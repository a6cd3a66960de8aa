/** Where the 党建知识 pages are (home tile, search hits, Q&A links). */
export const KNOWLEDGE_HOME_URL = '/packages/knowledge/pages/index/index';
export const KNOWLEDGE_MANAGE_URL = '/packages/knowledge/pages/manage/index';
export const collectionUrl = (id: string) => `/packages/knowledge/pages/collection/index?id=${id}`;
export const articleUrl = (id: string) => `/packages/knowledge/pages/article/index?id=${id}`;
export const qaUrl = (id: string) => `/packages/knowledge/pages/qa/index?id=${id}`;
