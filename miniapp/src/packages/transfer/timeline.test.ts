import { transfer } from '@test/transfer-fixtures';
import { timeline } from './timeline';

describe(timeline.name, () => {
  it('lists who acted, when and why (T7), then who must act next', () => {
    const items = timeline(transfer());
    expect(items.map((i) => [i.title, i.who, i.tone])).toEqual([
      ['申请转接', '李明（党员本人）', 'done'],
      ['等待转出党支部办理', '转出党支部', 'next'],
    ]);
    expect(items[0]?.reason).toBe('工作调动');
    expect(items[1]?.at).toBeNull();
  });

  it('marks refusals and returns and shows the T6 deadline, overdue', () => {
    const t = transfer({
      state: 'returned',
      awaitingLabel: '申请人',
      dueOn: '2026-12-20',
      overdue: true,
      steps: [
        ...transfer().steps,
        {
          id: 'b',
          action: 'return',
          actionLabel: '退回修改',
          fromState: 'pending_branch',
          toState: 'returned',
          actor: 'sending_branch',
          actorName: '王书记',
          reason: '请补充新单位名称',
          at: '2026-11-21T02:00:00.000Z',
        },
      ],
    });
    const items = timeline(t);
    expect(items[1]).toMatchObject({ title: '退回修改', tone: 'stopped', reason: '请补充新单位名称', who: '王书记（转出党支部）' });
    expect(items[2]).toMatchObject({ tone: 'next', due: '办理期限 2026年12月20日', overdue: true });
  });

  it('has no next step once the transfer is closed', () => {
    expect(timeline(transfer({ state: 'completed', awaitingLabel: null })).map((i) => i.tone)).toEqual(['done']);
  });
});
