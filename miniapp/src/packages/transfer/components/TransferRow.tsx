import { Text, View } from '@tarojs/components';
import type { TransferListItem, TransferState } from '@dangjian/shared';
import { Tag, type TagTone } from '@/components/Card';
import { formatDate } from '@/utils/format';
import '../transfer.scss';

export const STATE_TONE: Record<TransferState, TagTone> = {
  new: 'neutral',
  pending_branch: 'gold',
  pending_committee: 'gold',
  returned: 'warning',
  letter_issued: 'primary',
  accepted: 'primary',
  completed: 'success',
  refused: 'warning',
  withdrawn: 'neutral',
};

/** Where the member leaves from and goes to, whichever side is on the platform. */
export const fromName = (t: Pick<TransferListItem, 'fromOrg' | 'fromOrgName'>) => t.fromOrg?.name ?? t.fromOrgName ?? '—';
export const toName = (t: Pick<TransferListItem, 'toOrg' | 'toOrgName'>) => t.toOrgName ?? t.toOrg?.name ?? '—';

/** One transfer in a list: member, kind and state, from → to, who must act and by when (T6). */
export function TransferRow({ item: t, onOpen }: { item: TransferListItem; onOpen: (t: TransferListItem) => void }) {
  return (
    <View className='transfer-row' data-transfer-id={t.id} onClick={() => onOpen(t)}>
      <View className='transfer-row__head'>
        <Text className='transfer-row__name'>{t.member.name}</Text>
        <Tag tone='neutral'>{t.kindLabel}</Tag>
        <Tag tone={STATE_TONE[t.state]}>{t.stateLabel}</Tag>
      </View>
      <Text className='transfer-row__route'>
        {fromName(t)} → {toName(t)}
      </Text>
      {t.awaitingLabel ? (
        <Text className={`transfer-row__sub ${t.overdue ? 'transfer-row__sub--overdue' : ''}`}>
          待{t.awaitingLabel}办理{t.dueOn ? ` · 期限 ${formatDate(t.dueOn)}` : ''}
          {t.overdue ? ' · 已逾期' : ''}
        </Text>
      ) : (
        <Text className='transfer-row__sub'>更新于 {formatDate(t.updatedAt.slice(0, 10))}</Text>
      )}
    </View>
  );
}
