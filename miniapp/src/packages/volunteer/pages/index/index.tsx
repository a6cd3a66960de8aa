import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listActivities } from '@/api/volunteer';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { ActivityRow } from '../../activity-row';
import '../../volunteer.scss';

type When = 'upcoming' | 'past';

/** 志愿服务: open activities of my organisation and the committees above it; teams, my hours. */
export default function VolunteerIndexPage() {
  const [when, setWhen] = useState<When>('upcoming');
  const q = useQuery(`volunteer-activities-${when}`, () => listActivities({ when }));
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const items = q.data?.items ?? [];
  return (
    <View className='page vol'>
      <View className='vol__links'>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: '/packages/volunteer/pages/teams/index' })}>
          志愿服务队
        </DjButton>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: '/packages/volunteer/pages/mine/index' })}>
          我的服务时长
        </DjButton>
      </View>
      <View className='vol__tabs'>
        {(['upcoming', 'past'] as const).map((w) => (
          <Text key={w} className={`vol__tab ${when === w ? 'vol__tab--on' : ''}`} onClick={() => setWhen(w)}>
            {w === 'upcoming' ? '报名中' : '已结束'}
          </Text>
        ))}
      </View>
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(q.data)}
        empty={Boolean(q.data) && !items.length}
        emptyTitle='暂无志愿活动'
        onRetry={() => void q.reload()}
      >
        {items.map((a) => (
          <ActivityRow key={a.id} a={a} />
        ))}
      </StateView>
    </View>
  );
}
