import type { CreateProfileCorrectionDto, ProfileCorrection, ProfileCorrectionList, ReturnProfileCorrectionDto } from '@dangjian/shared';
import { request } from './client';

/** 档案更正: the member asks, their branch decides (server/src/member-corrections). */
export const createCorrection = (body: CreateProfileCorrectionDto) => request<ProfileCorrection>('/member-corrections', { method: 'POST', body, toast: false });

export const listMyCorrections = () => request<ProfileCorrectionList>('/member-corrections/mine');

export const getCorrection = (id: string) => request<ProfileCorrection>(`/member-corrections/${encodeURIComponent(id)}`);

const step = (id: string, action: 'approve' | 'return' | 'withdraw', body?: ReturnProfileCorrectionDto) =>
  request<ProfileCorrection>(`/member-corrections/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: body ?? {}, toast: false });

export const approveCorrection = (id: string) => step(id, 'approve');
export const returnCorrection = (id: string, reason: string) => step(id, 'return', { reason });
export const withdrawCorrection = (id: string) => step(id, 'withdraw');
