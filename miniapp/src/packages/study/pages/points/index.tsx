import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { POINTS_ACTIVITY_LABEL, POINTS_RULES } from '@dangjian/shared';
import { getLeaderboard, getMyPoints } from '@/api/study';
import { Card } from '@/components/Card';
import { BoardRows } from '@/components/PointsBoard';
import { ProgressBar } from '@/components/ProgressBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import '../../study.scss';

type Board = 'members' | 'branches';
/** My points (L4): today per activity against its daily cap, the year's total; leaderboards of my branch and of my committee's branches. */
export default function PointsPage() {
  const points = useQuery('my-points', getMyPoints);
  const [by, setBy] = useState<Board>('members');
  const board = useQuery(`board:${by}`, () => getLeaderboard({ by, limit: 50 }));
  usePullDownRefresh(() => void Promise.all([points.reload(), board.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const my = points.data;

  return (
    <View className='page study-page'>
      <StateView loading={points.loading} error={points.error} ready={my !== undefined} onRetry={() => void points.reload()}>
        {my ? (
          <>
            <Card className='study-points'>
              <View className='study-points__total'>
                <View>
                  <Text className='study-points__value'>{my.yearTotal}</Text>
                  <Text className='study-points__label'>{`${my.year} 年积分`}</Text>
                </View>
                <View>
                  <Text className='study-points__value'>{my.total}</Text>
                  <Text className='study-points__label'>累计积分</Text>
                </View>
                <View>
                  <Text className='study-points__value'>{board.data?.mine?.rank ?? '—'}</Text>
                  <Text className='study-points__label'>{by === 'members' ? '支部排名' : '支部名次'}</Text>
                </View>
              </View>
            </Card>
            <Card title='今日积分'>
              {my.today.map((a) => (
                <View key={a.activity} className='study-row' data-activity={a.activity}>
                  <View className='study-row__main'>
                    <Text className='study-row__title'>{POINTS_ACTIVITY_LABEL[a.activity]}</Text>
                    <Text className='study-row__sub'>{POINTS_RULES[a.activity].note}</Text>
                    <ProgressBar value={a.cap ? a.points / a.cap : 0} bare />
                  </View>
                  <Text className='study-link'>{`${a.points}/${a.cap}`}</Text>
                </View>
              ))}
            </Card>
          </>
        ) : null}
      </StateView>
      <View className='study-tabs'>
        {(['members', 'branches'] as const).map((b) => (
          <Text key={b} className={`study-tabs__item ${by === b ? 'study-tabs__item--on' : ''}`} onClick={() => setBy(b)}>
            {b === 'members' ? '本支部排行' : '各支部排行'}
          </Text>
        ))}
      </View>
      <StateView loading={board.loading} error={board.error} ready={board.data !== undefined && !board.loading} onRetry={() => void board.reload()}>
        {board.data ? (
          <Card title={`${board.data.org.name} · ${board.data.year} 年`}>
            <BoardRows board={board.data} />
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
