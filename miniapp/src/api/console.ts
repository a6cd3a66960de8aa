import type { ConsoleCharts, ConsoleChartsQuery, HallSnapshot, ScreenLink } from '@dangjian/shared';
import { screenOpts } from './checkin';
import { request } from './client';

/** Monthly series of an organisation's subtree (fee collection, attendance, study hours) for the console's charts. */
export const getConsoleCharts = (params: Pick<ConsoleChartsQuery, 'orgId'> & Partial<Pick<ConsoleChartsQuery, 'months'>>) =>
  request<ConsoleCharts>('/console/charts', { query: params });

/** A read-only link for the committee hall's big screen (org.manage). */
export const createHallLink = (orgId: string) => request<ScreenLink>('/console/hall/link', { method: 'POST', body: { orgId } });

/** What the hall's screen shows: by its link token, or as the signed-in worker (no token). */
export function getHallSnapshot(orgId: string, screenToken: string | null) {
  const opts = screenOpts(screenToken);
  return request<HallSnapshot>('/console/hall', { ...opts, query: { ...('query' in opts ? opts.query : {}), orgId } });
}
