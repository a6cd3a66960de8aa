import { Text, View } from '@tarojs/components';
import type { FeeBill } from '@dangjian/shared';
import { formatMonthCn } from '@dangjian/shared';
import { listMemberBills } from '@/api/fees';
import { Card, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { formatDate } from '@/utils/format';
import { Money } from '../../Money';
import '../../fees.scss';

/** The member's bills, newest month first, with status and receipt number. */
export default function FeeHistoryPage() {
  const { me } = useMe();
  const memberId = me?.memberId ?? null;
  const list = usePagedList<FeeBill>(memberId, (page, pageSize) => listMemberBills(memberId ?? '', { page, pageSize }));

  useListPageEvents(list);

  if (!memberId) return <View className='page fees-page'>{me ? <Text className='dj-muted'>当前账号未关联党员信息</Text> : <Loading />}</View>;

  return (
    <View className='page fees-page'>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle='暂无党费账单'
        onRetry={() => void list.refresh()}
      >
        <Card>
          {list.items.map((b) => (
            <View key={b.id} className='fee-row fee-history__row'>
              <View className='fee-row__main'>
                <Text className='fee-row__title'>{formatMonthCn(b.month)}</Text>
                <Text className='fee-row__sub'>
                  {b.receiptNo ? `收据 ${b.receiptNo} · ${formatDate(b.paidAt)}` : b.payable === 'too_old' ? '超过6个月，需支部处理' : b.orgName}
                </Text>
              </View>
              <View className='fee-row__side'>
                <Money fen={b.amountDueFen} />
                <Tag tone={b.status === 'unpaid' ? 'warning' : 'success'}>{b.statusLabel}</Tag>
              </View>
            </View>
          ))}
        </Card>
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
