import type { CardPrivacy, CardQr, CardVerifyResult, CreateCardDistinction, MemberCard, MemberDistinctions, RecordVanguardDuty } from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/** 电子党员名片 (P1, P2): server/src/card. */
export const getMyCard = () => request<MemberCard>('/card/me');
/** The next rotating code; no toast: the page falls back to the last code it kept (offline). */
export const getMyCardQr = () => request<CardQr>('/card/me/qr', { toast: false });
export const saveCardPrivacy = (body: CardPrivacy) => request<CardPrivacy>('/card/me/privacy', { method: 'PUT', body, toast: false });
/** Public: no sign-in (whoever scanned the card with a phone camera). */
export const verifyCard = (t: string) => request<CardVerifyResult>('/card/verify', { query: { t }, auth: false, toast: false });
/** The organisation's cards as a PDF sheet for printing (a link carrying the token, for a browser tab or downloadFile). */
export const cardSheetUrl = (orgId: string) => authedUrl(`/card/sheet.pdf?orgId=${encodeURIComponent(orgId)}`, { fresh: true });
/** A member's 先锋岗 and honours as the branch keeps them; granting, revoking and 先锋岗履职 (P3). */
export const getDistinctions = (memberId: string) => request<MemberDistinctions>('/card/distinctions', { query: { memberId } });
export const addDistinction = (body: CreateCardDistinction) => request<MemberDistinctions>('/card/distinctions', { method: 'POST', body, toast: false });
export const removeDistinction = (id: string) => request<MemberDistinctions>(`/card/distinctions/${id}`, { method: 'DELETE' });
export const recordVanguardDuty = (id: string, body: RecordVanguardDuty) =>
  request<MemberDistinctions>(`/card/distinctions/${id}/duties`, { method: 'POST', body, toast: false });
export const removeMyPhoto = () => request<void>('/card/me/photo', { method: 'DELETE' });
