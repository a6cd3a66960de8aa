import type { CardPrivacy, CardQr, CardVerifyResult, MemberCard } from '@dangjian/shared';
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
