import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ProfileCorrection } from '@dangjian/shared';
import { listMyCorrections } from '@/api/corrections';
import { Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import { CORRECTION_REQUEST_URL, CORRECTION_TONE, correctionUrl } from '../../corrections';
import '../../admin.scss';

const open = (c: ProfileCorrection) => void Taro.navigateTo({ url: correctionUrl(c.id) });

/** 我的 → 档案更正: my requests (newest first) and where to ask for a new one. */
export default function MyCorrectionsPage() {
  const list = useQuery('mine', listMyCorrections);
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));
  // Back from a request or its detail: the list may have changed.
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  const items = list.data?.items ?? [];
  const pending = items.find((c) => c.state === 'pending');

  return (
    <View className='page corrections'>
      <Notice tone='info'>档案信息有误时，可在这里申请更正，党支部审核通过后自动更新到档案。</Notice>
      <View className='admin-form__actions'>
        {pending ? (
          <DjButton variant='secondary' onClick={() => open(pending)}>
            查看审核中的申请
          </DjButton>
        ) : (
          <DjButton onClick={() => void Taro.navigateTo({ url: CORRECTION_REQUEST_URL })}>申请更正档案</DjButton>
        )}
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.data !== undefined}
        empty={items.length === 0}
        emptyTitle='还没有更正申请'
        emptyDescription='提交的申请和审核结果会显示在这里'
        onRetry={() => void list.reload()}
      >
        {items.map((c) => (
          <View key={c.id} className='correction__row' data-correction={c.state} onClick={() => open(c)}>
            <View className='correction__row-text'>
              <Text className='correction__row-title'>{c.changes.map((x) => x.label).join('、')}</Text>
              <Text className='correction__row-sub'>{`提交于 ${formatDateTime(c.requestedAt)}`}</Text>
            </View>
            <Tag tone={CORRECTION_TONE[c.state]}>{c.stateLabel}</Tag>
          </View>
        ))}
      </StateView>
    </View>
  );
}
