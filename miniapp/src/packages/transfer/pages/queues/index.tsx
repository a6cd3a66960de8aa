import { useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { TransferListItem, TransferQueue, TransferQueuePage } from '@dangjian/shared';
import { TRANSFER_QUEUE_LABEL, hasPermission } from '@dangjian/shared';
import { listMembers } from '@/api/members';
import { listTransferQueue } from '@/api/transfers';
import { ListFooter } from '@/components/ListFooter';
import { Segmented } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';
import { PickSheet } from '../../components/PickSheet';
import { TransferRow } from '../../components/TransferRow';
import { transferDetailUrl, transferInitiateUrl, transferMobileUrl, transferRegisterUrl, transferVerifyUrl } from '../../routes';
import '../../transfer.scss';

const QUEUES: TransferQueue[] = ['todo', 'waiting', 'overdue'];
const EMPTY: Record<TransferQueue, string> = { todo: '没有待办的转接', waiting: '没有等待对方办理的转接', overdue: '没有逾期的转接' };
type Counts = TransferQueuePage['counts'];

/** 转接办理: the three queues of an organisation's subtree (T6) — 待办, 未办结 (the other side), 逾期. */
export default function TransferQueuesPage() {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, 'transfer.read') : []), [me]);
  const [picked, setPicked] = useState<{ orgId: string; orgName: string } | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) } : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  const org = picked ?? fromRoute ?? fallback;
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

  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void list.refresh();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.error) void list.loadMore();
  });

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可办理的转接' description='您当前的角色不能办理组织关系转接' /> : <Loading />}</View>;
  const canManage = me ? hasPermission(me.roles.filter((g) => g.orgId === org.orgId), 'transfer.manage') : false;
  const options = QUEUES.map((q) => ({ value: q, label: counts ? `${TRANSFER_QUEUE_LABEL[q]} ${counts[q]}` : TRANSFER_QUEUE_LABEL[q] }));

  return (
    <View className='page transfer-queues'>
      <View className='transfer-queues__toolbar'>
        {grants.length > 1 ? (
          <Picker
            mode='selector'
            range={grants.map((g) => g.orgName)}
            onChange={(e) => {
              const g = grants[Number(e.detail.value)];
              if (g) setPicked({ orgId: g.orgId, orgName: g.orgName });
            }}
          >
            <Text className='transfer-queues__org transfer-queues__org--switch'>{org.orgName} ▾</Text>
          </Picker>
        ) : (
          <Text className='transfer-queues__org'>{org.orgName}</Text>
        )}
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
      <StateView loading={list.loading} error={list.error} ready={!list.loading || list.items.length > 0} empty={!list.loading && !list.error && list.items.length === 0} emptyTitle={EMPTY[queue]} onRetry={() => void list.refresh()}>
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
        load={(q) => listMembers({ orgId: org.orgId, q: q || undefined, pageSize: 50 }).then((p) => p.items.map((m) => ({ id: m.id, name: m.name, note: m.orgName })))}
        onPick={(m) => void Taro.navigateTo({ url: transferInitiateUrl(m.id, m.name) })}
        onClose={() => setPicking(false)}
      />
    </View>
  );
}
