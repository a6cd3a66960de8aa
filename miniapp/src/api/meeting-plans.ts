import type { Calendar, CreateMeetingPlanDto, MeetingPlan, MeetingPlanEntryInput, MeetingPlanListQuerySchema, MeetingPlanPage } from '@dangjian/shared';
import type { QueryOf } from './query';
import { request } from './client';

const enc = encodeURIComponent;
const base = (id: string) => `/meeting-plans/${enc(id)}`;

// ---- The 三会一课 month calendar ----

/** My meetings, my organisations' meetings and the C1 gaps of a month ('YYYY-MM'); `orgId` picks a subtree (org.read). */
export const getCalendar = (params: { month: string; orgId?: string }) => request<Calendar>('/meetings/calendar', { query: params });

// ---- Yearly plans (年度计划) ----

/** `year` is coerced on the server (its input type is unknown there); here it is a number. */
export type MeetingPlanListParams = Omit<QueryOf<typeof MeetingPlanListQuerySchema>, 'year'> & { year?: number };

export const listMeetingPlans = (params: MeetingPlanListParams) => request<MeetingPlanPage>('/meeting-plans', { query: params });
export const getMeetingPlan = (id: string) => request<MeetingPlan>(base(id));
/** Drafts the branch's plan from the C1 rules (meeting.manage on the branch). */
export const createMeetingPlan = (dto: CreateMeetingPlanDto) => request<MeetingPlan>('/meeting-plans', { method: 'POST', body: dto });
/** Replaces the entries; the page shows a refusal in place. */
export const saveMeetingPlanEntries = (id: string, entries: MeetingPlanEntryInput[]) =>
  request<MeetingPlan>(`${base(id)}/entries`, { method: 'PUT', body: { entries }, toast: false });
export const submitMeetingPlan = (id: string) => request<MeetingPlan>(`${base(id)}/submit`, { method: 'POST', body: {} });
export const acknowledgeMeetingPlan = (id: string) => request<MeetingPlan>(`${base(id)}/acknowledge`, { method: 'POST', body: {} });
/** Returns the plan with a reason (the dialog shows the error in place). */
export const returnMeetingPlan = (id: string, reason: string) => request<MeetingPlan>(`${base(id)}/return`, { method: 'POST', body: { reason }, toast: false });
export const reopenMeetingPlan = (id: string) => request<MeetingPlan>(`${base(id)}/reopen`, { method: 'POST', body: {} });
