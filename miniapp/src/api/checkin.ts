import type {
  CheckinCode,
  CheckinRequest,
  CheckinResult,
  ConfirmCheckinDto,
  LiveSnapshot,
  ManualCheckinDto,
  MemberAttendance,
  MemberCheckinCode,
  RejectCheckinDto,
  ScreenLink,
} from '@dangjian/shared';
import { SCREEN_TOKEN_PARAM } from '@dangjian/shared';
import { request } from './client';

const enc = encodeURIComponent;
const base = (id: string) => `/meetings/${enc(id)}`;

/**
 * A member's scan. The caller shows every outcome on the confirmation screen, so nothing toasts;
 * a network failure rejects with code NETWORK (the scan then goes to the offline queue).
 */
export const submitCheckin = (body: CheckinRequest) => request<CheckinResult>('/meetings/checkin', { method: 'POST', body, toast: false });

/**
 * The screen's endpoints: with a screen token (the projector has no session) they are sent without
 * the bearer token, so an expired link is an error on the screen, never a jump to sign-in.
 */
export const screenOpts = (screenToken: string | null) =>
  screenToken ? { auth: false, toast: false, query: { [SCREEN_TOKEN_PARAM]: screenToken } } : { toast: false };

export const getCheckinCode = (id: string, screenToken: string | null) => request<CheckinCode>(`${base(id)}/checkin-code`, screenOpts(screenToken));

export const getLiveSnapshot = (id: string, screenToken: string | null) => request<LiveSnapshot>(`${base(id)}/live/snapshot`, screenOpts(screenToken));

export const createScreenLink = (id: string) => request<ScreenLink>(`${base(id)}/screen-link`, { method: 'POST' });

/** Reverse mode: the secretary scanned (or typed) a member's personal code. */
export const checkinByMemberCode = (id: string, code: string) =>
  request<CheckinResult>(`${base(id)}/checkin/member-code`, { method: 'POST', body: { code }, toast: false });

export const manualCheckin = (id: string, body: ManualCheckinDto) =>
  request<CheckinResult>(`${base(id)}/checkins/manual`, { method: 'POST', body, toast: false });

export const confirmCheckin = (id: string, checkinId: string, body: ConfirmCheckinDto = {}) =>
  request<CheckinResult>(`${base(id)}/checkins/${enc(checkinId)}/confirm`, { method: 'POST', body });

export const rejectCheckin = (id: string, checkinId: string, body: RejectCheckinDto) =>
  request<CheckinResult>(`${base(id)}/checkins/${enc(checkinId)}/reject`, { method: 'POST', body, toast: false });

/** The member's personal rotating code; `toast: false` because the page falls back to the offline code. */
export const getMyCheckinCode = () => request<MemberCheckinCode>('/members/me/checkin-code', { toast: false });

export const getMyAttendance = (params: { page?: number; pageSize?: number }) => request<MemberAttendance>('/members/me/attendance', { query: params });
