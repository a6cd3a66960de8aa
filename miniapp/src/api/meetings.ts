import type {
  AbsenceReasonDto,
  CancelMeetingDto,
  ApproveLeaveDto,
  CreateLeaveDto,
  CreateMeetingDto,
  LeaveRequest,
  MeetingAttendance,
  MeetingDetail,
  MeetingPage,
  MinutesDto,
  RefuseLeaveDto,
  UpdateMeetingDto,
} from '@dangjian/shared';
import type { MeetingListQuerySchema, MyMeetingsQuerySchema } from '@dangjian/shared';
import type { QueryOf } from './query';
import { request } from './client';

const enc = encodeURIComponent;
const base = (id: string) => `/meetings/${enc(id)}`;

/** The query the server validates, as the caller writes it (issue 19: one shape, from shared). */
export type MeetingListParams = QueryOf<typeof MeetingListQuerySchema>;

/** Meetings of an organisation's subtree, newest first (org.read there). */
export const listMeetings = (params: MeetingListParams, opts: { toast?: boolean } = {}) => request<MeetingPage>('/meetings', { query: params, ...opts });

/** The caller's own meetings: upcoming (soonest first) or all (newest first). */
export const listMyMeetings = (params: Omit<QueryOf<typeof MyMeetingsQuerySchema>, 'upcoming'> & { upcoming: boolean }) =>
  request<MeetingPage>('/meetings/mine', { query: { ...params, upcoming: params.upcoming ? 'true' : undefined } });

export const getMeeting = (id: string, opts: { toast?: boolean } = {}) => request<MeetingDetail>(base(id), opts);

/** Forms show their errors in place. */
export const createMeeting = (body: CreateMeetingDto) => request<MeetingDetail>('/meetings', { method: 'POST', body, toast: false });

export const updateMeeting = (id: string, body: UpdateMeetingDto) => request<MeetingDetail>(base(id), { method: 'PATCH', body });

export const getAttendance = (id: string) => request<MeetingAttendance>(`${base(id)}/attendance`);

// ---- 请假 ----

export const requestLeave = (id: string, body: CreateLeaveDto) => request<LeaveRequest>(`${base(id)}/leave`, { method: 'POST', body, toast: false });

export const listLeaveRequests = (id: string) => request<LeaveRequest[]>(`${base(id)}/leave-requests`);

export const approveLeave = (id: string, leaveId: string, body: ApproveLeaveDto = {}) =>
  request<LeaveRequest>(`${base(id)}/leave-requests/${enc(leaveId)}/approve`, { method: 'POST', body });

export const refuseLeave = (id: string, leaveId: string, body: RefuseLeaveDto) =>
  request<LeaveRequest>(`${base(id)}/leave-requests/${enc(leaveId)}/refuse`, { method: 'POST', body });

export const withdrawLeave = (id: string, leaveId: string) => request<LeaveRequest>(`${base(id)}/leave-requests/${enc(leaveId)}/withdraw`, { method: 'POST' });

// ---- C2: minutes, absences, photos ----

export const saveMinutes = (id: string, body: MinutesDto) =>
  request<{ minutes: string; minutesUpdatedAt: string }>(`${base(id)}/minutes`, { method: 'PUT', body, toast: false });

export const setAbsenceReason = (id: string, memberId: string, body: AbsenceReasonDto) =>
  request<{ memberId: string; absenceReason: string }>(`${base(id)}/absences/${enc(memberId)}`, { method: 'PUT', body });

export const deletePhoto = (id: string, photoId: string) => request<void>(`${base(id)}/photos/${enc(photoId)}`, { method: 'DELETE' });

/** Paths of the downloads that open outside the app (they take `?access_token=`). */
export const signInSheetPath = (id: string) => `${base(id)}/sign-in-sheet.xlsx`;
export const minutesPagePath = (id: string) => `${base(id)}/minutes.html`;
export const photoPath = (id: string, photoId: string) => `${base(id)}/photos/${enc(photoId)}`;

/** Cancels a meeting that has not ended, with the reason attendees see. */
export const cancelMeeting = (id: string, body: CancelMeetingDto) => request<MeetingDetail>(`${base(id)}/cancel`, { method: 'POST', body, toast: false });
