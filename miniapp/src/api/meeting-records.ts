import type { AttendanceRate, CompliancePage, CompliancePeriod, ReviewCase, ReviewCasePage, ReviewCaseStatus, ReviewScanResult } from '@dangjian/shared';
import { request } from './client';

// ---- C1: 三会一课 compliance, attendance rates ----

export type ComplianceParams = { orgId: string; year: number; partyLecturePeriod?: CompliancePeriod; page?: number; pageSize?: number };

/** The organisation (when a branch) and the branches of its subtree, each with its required meetings (org.read). */
export const getCompliance = (params: ComplianceParams) => request<CompliancePage>('/meetings/compliance', { query: params });

/** Attendance of the meetings held in the subtree, in total and per direct child (org.read). */
export const getAttendanceRate = (params: { orgId: string; from?: string; to?: string }) =>
  request<AttendanceRate>('/meetings/attendance-rate', { query: params });

// ---- C5: review cases (审查事项) ----

export type ReviewCaseParams = { orgId?: string; status?: ReviewCaseStatus; kind?: string; page?: number; pageSize?: number };

export const listReviewCases = (params: ReviewCaseParams) => request<ReviewCasePage>('/review-cases', { query: params });

/** Closes a case with its outcome (member.manage); the dialog shows the error in place. */
export const closeReviewCase = (id: string, note: string) =>
  request<ReviewCase>(`/review-cases/${encodeURIComponent(id)}/close`, { method: 'POST', body: { note }, toast: false });

/** Runs the C5 scan now; idempotent (an open case is never opened twice). */
export const scanReviewCases = (orgId?: string) => request<ReviewScanResult>('/review-cases/scan', { method: 'POST', body: orgId ? { orgId } : {} });
