import type {
  CreatePointsDeduction,
  CreatePointsRuleVersion,
  Leaderboard,
  LeaderboardQuery,
  PointsDeduction,
  PointsDeductionList,
  PointsHistory,
  PointsRuleList,
  RejectPointsDeduction,
} from '@dangjian/shared';
import { request } from './client';

/** 党员积分 (P3): server/src/points. */
export const getPointsHistory = (year?: number) => request<PointsHistory>('/points/me/history', { query: { year } });
export const getPointsRanking = (query: Partial<LeaderboardQuery> = {}) => request<Leaderboard>('/points/ranking', { query });
export const getPointsRules = () => request<PointsRuleList>('/points/rules');
export const addPointsRuleVersion = (body: CreatePointsRuleVersion) => request<PointsRuleList>('/points/rules', { method: 'POST', body, toast: false });
export const listDeductions = () => request<PointsDeductionList>('/points/deductions');
export const proposeDeduction = (body: CreatePointsDeduction) => request<PointsDeduction>('/points/deductions', { method: 'POST', body, toast: false });
export const approveDeduction = (id: string) =>
  request<PointsDeduction>(`/points/deductions/${encodeURIComponent(id)}/approve`, { method: 'POST', body: {}, toast: false });
export const rejectDeduction = (id: string, body: RejectPointsDeduction) =>
  request<PointsDeduction>(`/points/deductions/${encodeURIComponent(id)}/reject`, { method: 'POST', body, toast: false });
