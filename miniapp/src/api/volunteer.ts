import type {
  MyVolunteerHours,
  Roster,
  RosterTimeDto,
  VolunteerActivity,
  VolunteerActivityList,
  VolunteerActivityListQuery,
  VolunteerCode,
  VolunteerScanResult,
  VolunteerTeam,
  VolunteerTeamList,
  AddTeamVolunteerDto,
} from '@dangjian/shared';
import type { z } from 'zod';
import type {
  ActivityReportSchema,
  AddTeamVolunteerSchema,
  CreateVolunteerActivitySchema,
  CreateVolunteerTeamSchema,
  RosterTimeSchema,
  UpdateVolunteerTeamSchema,
} from '@dangjian/shared';
import { request } from './client';

/* 志愿服务 (P4): teams, activities and places, the organiser's QR code and roster, my hours. */

export const listTeams = () => request<VolunteerTeamList>('/volunteer/teams');
export const getTeam = (id: string) => request<VolunteerTeam>(`/volunteer/teams/${id}`);
export const addTeamVolunteer = (id: string, body: z.input<typeof AddTeamVolunteerSchema>) =>
  request<VolunteerTeam>(`/volunteer/teams/${id}/volunteers`, { method: 'POST', body, toast: false });
export const createTeam = (body: z.input<typeof CreateVolunteerTeamSchema>) =>
  request<VolunteerTeam>('/volunteer/teams', { method: 'POST', body, toast: false });
export const updateTeam = (id: string, body: z.input<typeof UpdateVolunteerTeamSchema>) =>
  request<VolunteerTeam>(`/volunteer/teams/${id}`, { method: 'PATCH', body, toast: false });
export const removeTeamVolunteer = (id: string, volunteerId: string) =>
  request<VolunteerTeam>(`/volunteer/teams/${id}/volunteers/${volunteerId}`, { method: 'DELETE' });
export const createActivity = (body: z.input<typeof CreateVolunteerActivitySchema>) =>
  request<VolunteerActivity>('/volunteer/activities', { method: 'POST', body, toast: false });
export const cancelActivity = (id: string) => request<VolunteerActivity>(`/volunteer/activities/${id}/cancel`, { method: 'POST' });
export const saveActivityReport = (id: string, body: z.input<typeof ActivityReportSchema>) =>
  request<VolunteerActivity>(`/volunteer/activities/${id}/report`, { method: 'PUT', body, toast: false });
/** The multipart path of an activity's photos (pickAndUpload). */
export const activityPhotoPath = (id: string) => `/volunteer/activities/${id}/photos`;
export const addToRoster = (id: string, volunteerId: string) =>
  request<VolunteerActivity>(`/volunteer/activities/${id}/roster`, { method: 'POST', body: { volunteerId } });
export const listActivities = (query: Partial<VolunteerActivityListQuery>) => request<VolunteerActivityList>('/volunteer/activities', { query });
export const getActivity = (id: string) => request<VolunteerActivity>(`/volunteer/activities/${id}`);
export const signUp = (id: string) => request<VolunteerActivity>(`/volunteer/activities/${id}/signup`, { method: 'POST' });
export const cancelSignUp = (id: string) => request<VolunteerActivity>(`/volunteer/activities/${id}/signup`, { method: 'DELETE' });
export const activityCode = (id: string) => request<VolunteerCode>(`/volunteer/activities/${id}/code`);
export const scanActivity = (token: string) => request<VolunteerScanResult>('/volunteer/scan', { method: 'POST', body: { token }, toast: false });
export const getRoster = (id: string) => request<Roster>(`/volunteer/activities/${id}/roster`);
export const rosterSignIn = (id: string, signupId: string, body: z.input<typeof RosterTimeSchema>) =>
  request<Roster>(`/volunteer/activities/${id}/roster/${signupId}/sign-in`, { method: 'POST', body });
export const rosterSignOut = (id: string, signupId: string, body: z.input<typeof RosterTimeSchema>) =>
  request<Roster>(`/volunteer/activities/${id}/roster/${signupId}/sign-out`, { method: 'POST', body });
export const myVolunteerHours = (year?: number) => request<MyVolunteerHours>('/volunteer/me', { query: year ? { year } : {} });
/** The certificate's path (opened with the token in the URL, like other PDFs). */
export const CERTIFICATE_PATH = '/volunteer/me/certificate.pdf';
export type { AddTeamVolunteerDto, RosterTimeDto };
