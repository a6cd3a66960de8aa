import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isOpenTransferState } from '@dangjian/shared';
import { listMyTransfers } from '@/api/transfers';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { TransferRow } from '../../components/TransferRow';
import { transferApplyUrl, transferDetailUrl, transferQueuesUrl, transferVerifyUrl } from '../../routes';
import '../../transfer.scss';

const go = (url: string) => void Taro.navigateTo({ url });

/** 组织关系转接: the member's transfers (the open one first) and applying; workers' queues one tap away. */
export default function TransferIndexPage() {
  const { me } = useMe();
  const mine = useQuery(me?.memberId ? 'mine' : null, () => listMyTransfers({ pageSize: 50 }));
  const items = mine.data?.items ?? [];
  const open = items.find((t) => isOpenTransferState(t.state));
  const closed = items.filter((t) => t !== open);
  const desks = me ? grantsWith(me, 'transfer.read') : [];

  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && me?.memberId) void mine.reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void mine.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='page transfer-page transfer-home'>
      {desks.length ? (
        <Card title='转接办理'>
          {desks.map((g) => (
            <View key={g.orgId} className='transfer-form-row' data-desk={g.orgId} onClick={() => go(transferQueuesUrl(g.orgId, g.orgName))}>
              <Text className='transfer-form-row__value'>{g.orgName}</Text>
              <Text className='transfer-form-row__arrow'>›</Text>
            </View>
          ))}
        </Card>
      ) : null}
      {me?.memberId ? (
        <StateView loading={mine.loading} error={mine.error} ready={mine.data !== undefined} onRetry={() => void mine.reload()}>
          <Text className='section-title'>我的转接</Text>
          {open ? (
            <TransferRow item={open} onOpen={(t) => go(transferDetailUrl(t.id))} />
          ) : (
            <Card>
              <EmptyState title='没有进行中的转接' description='工作单位或居住地变动时，请及时申请转接组织关系' />
              <DjButton className='transfer-home__apply' onClick={() => go(transferApplyUrl())}>
                申请转接组织关系
              </DjButton>
            </Card>
          )}
          {closed.length ? <Text className='section-title'>历史记录</Text> : null}
          {closed.map((t) => (
            <TransferRow key={t.id} item={t} onOpen={(x) => go(transferDetailUrl(x.id))} />
          ))}
        </StateView>
      ) : null}
      <View className='transfer-links'>
        <Text className='transfer-links__item' onClick={() => go(transferVerifyUrl())}>
          查验介绍信
        </Text>
      </View>
    </View>
  );
}
