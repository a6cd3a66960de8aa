import type { CreateNewsCommentDto, CreateNewsInput, NewsComment, NewsComments, NewsContentInput, NewsDetail, NewsPage, NewsStepDto } from '@dangjian/shared';
import { request } from './client';

/* 党建动态 (issue 14): the feed, the branch's drafts, the committee's review, likes. Images through /notices/files. */

export const listNews = (params: { page?: number; pageSize?: number; box?: 'feed' | 'mine' | 'review' }) => request<NewsPage>('/news', { query: params });
export const getNews = (id: string) => request<NewsDetail>(`/news/${id}`);
export const createNews = (body: CreateNewsInput) => request<NewsDetail>('/news', { method: 'POST', body, toast: false });
export const updateNews = (id: string, body: NewsContentInput) => request<NewsDetail>(`/news/${id}`, { method: 'PUT', body, toast: false });
export const newsStep = (id: string, body: NewsStepDto) => request<NewsDetail>(`/news/${id}/steps`, { method: 'POST', body });
export const likeNews = (id: string, on: boolean) => request<NewsDetail>(`/news/${id}/like`, { method: on ? 'POST' : 'DELETE' });

/* Comments, moderated: pending until the branch secretary or the committee approves. */
export const listNewsComments = (id: string) => request<NewsComments>(`/news/${id}/comments`);
export const addNewsComment = (id: string, body: CreateNewsCommentDto) => request<NewsComment>(`/news/${id}/comments`, { method: 'POST', body, toast: false });
export const approveNewsComment = (id: string, commentId: string) => request<NewsComments>(`/news/${id}/comments/${commentId}/approve`, { method: 'POST' });
export const deleteNewsComment = (id: string, commentId: string) => request<NewsComments>(`/news/${id}/comments/${commentId}`, { method: 'DELETE' });
