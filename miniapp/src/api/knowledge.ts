import type {
  CreateKnowledgeQaInput,
  KnowledgeArticle,
  KnowledgeCollection,
  KnowledgeCollectionDetail,
  KnowledgeQa,
  KnowledgeQaPage,
  KnowledgeSearchPage,
  UpdateKnowledgeQaDto,
} from '@dangjian/shared';
import { request } from './client';

/* 党建知识 (issue 14): the regulations by chapter and article, phrase search, Q&A and their management. */

export const listCollections = () => request<KnowledgeCollection[]>('/knowledge/collections');
export const getCollection = (id: string) => request<KnowledgeCollectionDetail>(`/knowledge/collections/${id}`);
export const getArticle = (id: string) => request<KnowledgeArticle>(`/knowledge/articles/${id}`);
/** Typing searches as it goes: no toast for a failed keystroke, the page shows the error in place. */
export const searchKnowledge = (q: string, page: number, pageSize: number) =>
  request<KnowledgeSearchPage>('/knowledge/search', { query: { q, page, pageSize }, toast: false });

export const listQa = (params: { page: number; pageSize: number; manage?: boolean }) =>
  request<KnowledgeQaPage>('/knowledge/qa', { query: { ...params, manage: params.manage ? 'true' : undefined } });
export const getQa = (id: string) => request<KnowledgeQa>(`/knowledge/qa/${id}`);
export const createQa = (body: CreateKnowledgeQaInput) => request<KnowledgeQa>('/knowledge/qa', { method: 'POST', body, toast: false });
export const updateQa = (id: string, body: UpdateKnowledgeQaDto) => request<KnowledgeQa>(`/knowledge/qa/${id}`, { method: 'PATCH', body, toast: false });
export const deleteQa = (id: string) => request<void>(`/knowledge/qa/${id}`, { method: 'DELETE' });
