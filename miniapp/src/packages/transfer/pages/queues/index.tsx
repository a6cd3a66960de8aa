import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TransferListItem, TransferQueue, TransferQueuePage } from '@dangjian/shared';
import { TRANSFER_QUEUE_LABEL, hasPermission } from '@dangjian/shared';
import { listMembers } from '@/api/members';
import { listTransferQueue } from '@/api/transfers';
import { ListFooter } from '@/components/ListFooter';
import { Segmented } from '@/components/SearchBar';
import { OrgSwitch } from '@/components/OrgSwitch';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { PickSheet } from '../../components/PickSheet';
import { TransferRow } from '../../components/TransferRow';
import { transferDetailUrl, transferInitiateUrl, transferMobileUrl, transferRegisterUrl, transferVerifyUrl } from '../../routes';
import '../../transfer.scss';

const QUEUES: TransferQueue[] = ['todo', 'waiting', 'overdue'];
const EMPTY: Record<TransferQueue, string> = { todo: '没有待办的转接', waiting: '没有等待对方办理的转接', overdue: '没有逾期的转接' };
type Counts = TransferQueuePage['counts'];

/** 转接办理: the three queues of an organisation's subtree (T6) — 待办, 待对方办理 (the other side), 逾期. */
export default function TransferQueuesPage() {
  const { me, grants, org, setPicked } = useOrgChoice('transfer.read');
  const [queue, setQueue] = useState<TransferQueue>('todo');
  const [counts, setCounts] = useState<Counts | null>(null);
  const [picking, setPicking] = useState(false);
  const key = org ? JSON.stringify([org.orgId, queue]) : null;

  const list = usePagedList<TransferListItem>(key, (page, pageSize) =>
    listTransferQueue({ queue, orgId: org?.orgId, page, pageSize }).then((p) => {
      setCounts(p.counts);
      return p;
    }),
  );

  useListPageEvents(list, { refreshOnShow: true });

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可办理的转接' description='您当前的角色不能办理组织关系转接' /> : <Loading />}</View>;
  const canManage = me
    ? hasPermission(
        me.roles.filter((g) => g.orgId === org.orgId),
        'transfer.manage',
      )
    : false;
  const options = QUEUES.map((q) => ({ value: q, label: counts ? `${TRANSFER_QUEUE_LABEL[q]} ${counts[q]}` : TRANSFER_QUEUE_LABEL[q] }));

  return (
    <View className='page transfer-queues'>
      <View className='transfer-queues__toolbar'>
        <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='transfer-queues__org' switchClassName='transfer-queues__org--switch' />
        <Segmented options={options} value={queue} onChange={setQueue} />
      </View>
      <View className='transfer-links'>
        <Text className='transfer-links__item' onClick={() => void Taro.navigateTo({ url: transferVerifyUrl() })}>
          扫码查验介绍信
        </Text>
        {canManage ? (
          <>
            <Text className='transfer-links__item' onClick={() => setPicking(true)}>
              为党员发起转接
            </Text>
            <Text className='transfer-links__item' onClick={() => void Taro.navigateTo({ url: transferRegisterUrl(org.orgId, org.orgName) })}>
              登记纸质介绍信转入
            </Text>
          </>
        ) : null}
        <Text className='transfer-links__item' onClick={() => void Taro.navigateTo({ url: transferMobileUrl(org.orgId, org.orgName) })}>
          流入的流动党员
        </Text>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyTitle={EMPTY[queue]}
        onRetry={() => void list.refresh()}
      >
        {list.items.map((t) => (
          <TransferRow key={t.id} item={t} onOpen={(x) => void Taro.navigateTo({ url: transferDetailUrl(x.id) })} />
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
      <PickSheet
        open={picking}
        title='为党员发起转接'
        searchPlaceholder='姓名、手机号或身份证号'
        emptyText='没有找到党员'
        load={(q) =>
          listMembers({ orgId: org.orgId, q: q || undefined, pageSize: 50 }).then((p) => p.items.map((m) => ({ id: m.id, name: m.name, note: m.orgName })))
        }
        onPick={(m) => void Taro.navigateTo({ url: transferInitiateUrl(m.id, m.name) })}
        onClose={() => setPicking(false)}
      />
    </View>
  );
}
