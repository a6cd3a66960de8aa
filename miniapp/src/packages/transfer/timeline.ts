import type { Transfer, TransferAction } from '@dangjian/shared';
import { TRANSFER_ACTOR_LABEL } from '@dangjian/shared';
import { formatDate } from '@/utils/format';

/*
 * Where a transfer stands (T7: every step records who, when and why), as the detail page draws it:
 * the recorded steps oldest first, then — while the transfer is open — who must act next.
 */

export type TimelineTone = 'done' | 'stopped' | 'next';
export type TimelineItem = {
  key: string;
  title: string;
  /** Who acted (name and the role they acted in), or who must act. */
  who: string;
  /** ISO instant of the step; null for the step still to come. */
  at: string | null;
  reason: string | null;
  tone: TimelineTone;
  /** The next step's deadline (T6), e.g. the letter's last valid day. */
  due?: string;
  overdue?: boolean;
};

const STOPPING: ReadonlyArray<TransferAction> = ['refuse', 'return', 'withdraw'];

export function timeline(t: Pick<Transfer, 'steps' | 'awaitingLabel' | 'dueOn' | 'overdue'>): TimelineItem[] {
  const items: TimelineItem[] = t.steps.map((s) => ({
    key: s.id,
    title: s.actionLabel,
    who: `${s.actorName}（${TRANSFER_ACTOR_LABEL[s.actor]}）`,
    at: s.at,
    reason: s.reason,
    tone: STOPPING.includes(s.action) ? 'stopped' : 'done',
  }));
  if (t.awaitingLabel) {
    items.push({
      key: 'next',
      title: `等待${t.awaitingLabel}办理`,
      who: t.awaitingLabel,
      at: null,
      reason: null,
      tone: 'next',
      due: t.dueOn ? `办理期限 ${formatDate(t.dueOn)}` : undefined,
      overdue: t.overdue,
    });
  }
  return items;
}
