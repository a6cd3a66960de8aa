import type { MeetingPlan } from '@dangjian/shared';
import { addOptions, byMonth, entriesOf, planCounts, rowsOf, rowTitle } from './plan-shape';

const G = { id: '11111111-1111-4111-8111-111111111111', name: '第一党小组' };
const plan = {
  entries: [
    { id: 'a', month: 1, type: 'general_assembly', group: null, topic: '' },
    { id: 'b', month: 1, type: 'group_meeting', group: G, topic: '学习党章' },
    { id: 'c', month: 3, type: 'theme_day', group: null, topic: ' 参观 ' },
  ],
} as unknown as MeetingPlan;

describe('plan editing model', () => {
  it('turns the plan into rows and back into the entries the server takes', () => {
    const rows = rowsOf(plan);
    expect(entriesOf(rows)).toEqual([
      { month: 1, type: 'general_assembly', groupId: null, topic: '' },
      { month: 1, type: 'group_meeting', groupId: G.id, topic: '学习党章' },
      { month: 3, type: 'theme_day', groupId: null, topic: '参观' },
    ]);
    expect(rowTitle(rows[1]!)).toBe('党小组会（第一党小组）');
  });

  it('lists all twelve months, empty ones too', () => {
    const months = byMonth(rowsOf(plan));
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.rows.length).slice(0, 4)).toEqual([2, 0, 1, 0]);
  });

  it('offers a 党小组会 only for the groups the plan names (O8), every other type once', () => {
    const options = addOptions(rowsOf(plan)).map(rowTitle);
    expect(options).toContain('党小组会（第一党小组）');
    expect(options).not.toContain('党小组会');
    expect(options).toContain('党员大会');
    expect(planCounts(rowsOf(plan))).toEqual([
      { title: '党员大会', count: 1 },
      { title: '党小组会（第一党小组）', count: 1 },
      { title: '主题党日', count: 1 },
    ]);
  });
});
