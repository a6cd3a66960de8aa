import { Text, View } from '@tarojs/components';
import type { FeePayment } from '@dangjian/shared';
import { formatMonthCn } from '@dangjian/shared';
import { listMemberPayments } from '@/api/fees';
import { Card, InfoRow, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { formatDateTime } from '@/utils/format';
import { Money } from '../../Money';
import '../../fees.scss';

/** Each month on one line ("2026年08月" broke into "2026 / 年08月"); the list wraps between months. */
const months = (p: FeePayment) =>
  p.kind === 'voluntary' ? (
    '自愿交纳'
  ) : (
    <>
      {p.bills.map((b, i) => (
        <Text key={b.month} className='fee-month'>
          {formatMonthCn(b.month)}
          {i < p.bills.length - 1 ? '、' : ''}
        </Text>
      ))}
    </>
  );

/** Receipts: every payment of the member (and those they paid for others, 代缴). */
export default function FeeReceiptsPage() {
  const { me } = useMe();
  const memberId = me?.memberId ?? null;
  const list = usePagedList<FeePayment>(memberId, (page, pageSize) => listMemberPayments(memberId ?? '', { page, pageSize }));

  useListPageEvents(list);

  if (!memberId) return <View className='page fees-page'>{me ? <Text className='dj-muted'>当前账号未关联党员信息</Text> : <Loading />}</View>;

  return (
    <View className='page fees-page'>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle='暂无缴费收据'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((p) => (
          <Card
            key={p.id}
            className='fee-receipt'
            title={p.receiptNo ? `收据 ${p.receiptNo}` : '待确认的支付'}
            extra={<Tag tone={p.status === 'paid' ? 'success' : 'warning'}>{p.statusLabel}</Tag>}
          >
            <InfoRow label='金额' value={<Money fen={p.amountFen} />} />
            <InfoRow label='党员' value={p.payer ? `${p.member.name}（${p.payer.name} 代缴）` : p.member.name} />
            <InfoRow label='所属月份' value={months(p)} />
            <InfoRow label='方式' value={p.methodLabel} />
            <InfoRow label='时间' value={formatDateTime(p.paidAt ?? p.createdAt)} />
            <InfoRow label='党组织' value={p.orgName} />
            {p.large ? <InfoRow label='大额党费' value={p.forward ? `已报送 ${p.forward.org.name}` : '是'} /> : null}
            {p.problem ? <InfoRow label='说明' value={p.problem} /> : null}
          </Card>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
