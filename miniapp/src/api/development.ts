import type { CreateDevApplicationDto, DevBoard, DevRecord, DevStats, DevStepDto } from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/* 发展党员 (issue 16): typed calls over /api/v1/development/*. Refusals carry plain Chinese; the forms show them in place. */

const enc = encodeURIComponent;

export const listMyDevelopment = () => request<DevRecord[]>('/development/mine');
export const applyForMembership = (body: CreateDevApplicationDto) => request<DevRecord>('/development', { method: 'POST', body, toast: false });
export const getDevRecord = (id: string) => request<DevRecord>(`/development/${enc(id)}`);
export const takeDevStep = (id: string, body: DevStepDto) => request<DevRecord>(`/development/${enc(id)}/steps`, { method: 'POST', body, toast: false });
export const getDevBoard = (orgId: string) => request<DevBoard>('/development/board', { query: { orgId } });
export const getDevStats = (orgId: string, year?: number) => request<DevStats>('/development/stats', { query: { orgId, year } });
/** The .xlsx and PDFs as links carrying the token (a browser tab, or downloadFile on the phone). */
export const devStatsXlsxUrl = (orgId: string, year: number) => authedUrl(`/development/stats/export?orgId=${enc(orgId)}&year=${year}`, { fresh: true });
export const devFormUrl = (path: string) => authedUrl(path.replace(/^\/api\/v1/, ''), { fresh: true });
