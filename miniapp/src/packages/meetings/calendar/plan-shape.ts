import { MEETING_TYPE_LABEL, type MeetingPlan, type MeetingPlanEntryInput, type MeetingPlanState, type MeetingType } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

/*
 * The plan page's editing model: rows the secretary moves, retitles, adds and removes, turned back into
 * the entries the server takes (PUT /meeting-plans/{id}/entries).
 */

export const PLAN_STATE_TONE: Record<MeetingPlanState, TagTone> = {
  draft: 'neutral',
  submitted: 'gold',
  acknowledged: 'success',
  returned: 'primary',
};

export type PlanRow = { key: string; month: number; type: MeetingType; group: { id: string; name: string } | null; topic: string };

export const rowsOf = (plan: MeetingPlan): PlanRow[] => plan.entries.map((e) => ({ key: e.id, month: e.month, type: e.type, group: e.group, topic: e.topic }));

export const entriesOf = (rows: ReadonlyArray<PlanRow>): MeetingPlanEntryInput[] =>
  rows.map((r) => ({ month: r.month, type: r.type, groupId: r.group?.id ?? null, topic: r.topic.trim() }));

export const rowTitle = (r: Pick<PlanRow, 'type' | 'group'>) => `${MEETING_TYPE_LABEL[r.type]}${r.group ? `（${r.group.name}）` : ''}`;

/** Rows by month 1–12 (empty months included, so a meeting can be added to any). */
export function byMonth(rows: ReadonlyArray<PlanRow>): Array<{ month: number; rows: PlanRow[] }> {
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, rows: rows.filter((r) => r.month === i + 1) }));
}

/** What can be added: every type but 党小组会 and 其他, plus a 党小组会 per group the plan already names (O8). */
export function addOptions(rows: ReadonlyArray<PlanRow>): Array<Pick<PlanRow, 'type' | 'group'>> {
  const groups = new Map<string, { id: string; name: string }>();
  for (const r of rows) if (r.group) groups.set(r.group.id, r.group);
  const types = (Object.keys(MEETING_TYPE_LABEL) as MeetingType[]).filter((t) => t !== 'group_meeting');
  return [...types.map((type) => ({ type, group: null })), ...[...groups.values()].map((group) => ({ type: 'group_meeting' as const, group }))];
}

/** Per type (and group): how many the plan has, for the summary line. */
export function planCounts(rows: ReadonlyArray<PlanRow>): Array<{ title: string; count: number }> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(rowTitle(r), (out.get(rowTitle(r)) ?? 0) + 1);
  return [...out].map(([title, count]) => ({ title, count }));
}
