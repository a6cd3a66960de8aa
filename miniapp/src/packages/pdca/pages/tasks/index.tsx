import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listMyPdcaTasks } from '@/api/pdca';
import { Tag } from '@/components/Card';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { pdcaTaskUrl } from '../../routes';
import { TASK_TONE } from '../../tones';
import '../../pdca.scss';

const TABS = [
  { as: 'branch', label: '支部落实' },
  { as: 'scorer', label: '我来评分' },
] as const;

/** 党支部落实 and 绩效考评 (K6): the tasks of my branches, and the branches I score. */
export default function PdcaTasksPage() {
  const [as, setAs] = useState<'branch' | 'scorer'>('branch');
  const query = useQuery(`pdca-tasks:${as}`, () => listMyPdcaTasks(as));
  useDidShow(() => void query.reload());
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className='page pdca'>
      <View className='pdca__toolbar'>
        {TABS.map((t) => (
          <Text key={t.as} className={`pdca__check ${as === t.as ? 'pdca__link' : ''}`} onClick={() => setAs(t.as)}>
            {t.label}
          </Text>
        ))}
      </View>
      <StateView loading={query.loading} error={query.error} ready={query.data !== undefined} onRetry={() => void query.reload()}>
        {query.data?.items.length === 0 ? (
          <EmptyState title={as === 'branch' ? '暂无考评任务' : '暂无评分任务'} description='党委发布考评任务后会出现在这里' />
        ) : null}
        {query.data?.items.map((t) => (
          <View key={t.id} className='pdca__row' data-task={t.orgName} onClick={() => void Taro.navigateTo({ url: pdcaTaskUrl(t.id) })}>
            <View className='pdca__row-main'>
              <Text className='pdca__row-title'>{`${t.planTitle} · ${t.orgName}`}</Text>
              <Text className='pdca__row-sub'>
                {as === 'scorer' ? `${t.periodLabel} · ${t.myTotal === null ? '我未评分' : `我的评分 ${t.myTotal}`}` : `${t.periodLabel} · 截止 ${t.dueOn}`}
              </Text>
            </View>
            {t.average !== null ? <Text className='pdca__score'>{t.average}</Text> : null}
            <Tag tone={TASK_TONE[t.state]}>{t.stateLabel}</Tag>
          </View>
        ))}
      </StateView>
    </View>
  );
}
