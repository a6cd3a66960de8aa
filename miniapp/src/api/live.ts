import type {
  CloseLiveClassSchema,
  CreateLiveClassSchema,
  HeartbeatResult,
  LiveClass,
  LiveClassList,
  LiveComments,
  LiveHeartbeatSchema,
  LiveRota,
  SetLiveRotaSchema,
} from '@dangjian/shared';
import type { z } from 'zod';
import { request } from './client';

/* 红色直播间: classes, the room's heartbeats (credited by the study rules, L2), comments, the host rota. */

export const listLiveClasses = () => request<LiveClassList>('/live-classes');
export const getLiveClass = (id: string) => request<LiveClass>(`/live-classes/${id}`);
export const liveHeartbeat = (id: string, body: z.input<typeof LiveHeartbeatSchema>) =>
  request<HeartbeatResult>(`/live-classes/${id}/heartbeat`, { method: 'POST', body, toast: false });
export const getLiveRota = (orgId?: string) => request<LiveRota>('/live-classes/rota', { query: orgId ? { orgId } : {} });
export const setLiveRota = (orgId: string, body: z.input<typeof SetLiveRotaSchema>) =>
  request<LiveRota>(`/live-classes/rota/${orgId}`, { method: 'PUT', body });
export const createLiveClass = (body: z.input<typeof CreateLiveClassSchema>) => request<LiveClass>('/live-classes', { method: 'POST', body, toast: false });
export const closeLiveClass = (id: string, body: z.input<typeof CloseLiveClassSchema>) =>
  request<LiveClass>(`/live-classes/${id}/close`, { method: 'POST', body, toast: false });
export const listLiveComments = (id: string) => request<LiveComments>(`/live-classes/${id}/comments`);
export const addLiveComment = (id: string, body: string) =>
  request<LiveComments>(`/live-classes/${id}/comments`, { method: 'POST', body: { body }, toast: false });
export const approveLiveComment = (id: string, commentId: string) =>
  request<LiveComments>(`/live-classes/${id}/comments/${commentId}/approve`, { method: 'POST' });
export const deleteLiveComment = (id: string, commentId: string) => request<LiveComments>(`/live-classes/${id}/comments/${commentId}`, { method: 'DELETE' });
