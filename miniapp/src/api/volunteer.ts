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
import type { AddTeamVolunteerSchema, RosterTimeSchema } from '@dangjian/shared';
import { request } from './client';

/* 志愿服务 (P4): teams, activities and places, the organiser's QR code and roster, my hours. */

export const listTeams = () => request<VolunteerTeamList>('/volunteer/teams');
export const getTeam = (id: string) => request<VolunteerTeam>(`/volunteer/teams/${id}`);
export const addTeamVolunteer = (id: string, body: z.input<typeof AddTeamVolunteerSchema>) =>
  request<VolunteerTeam>(`/volunteer/teams/${id}/volunteers`, { method: 'POST', body, toast: false });
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
