import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaYear, pointsKindLabel, type PointsHistoryEntry } from '@dangjian/shared';
import { getPointsHistory, getPointsRanking } from '@/api/points';
import { Card } from '@/components/Card';
import { YearSwitch } from '@/components/PeriodSwitch';
import { BoardRows } from '@/components/PointsBoard';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import '../../../study/study.scss';

type Tab = 'history' | 'members' | 'branches';
const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'history', label: '积分明细' },
  { key: 'members', label: '本支部排行' },
  { key: 'branches', label: '各支部排行' },
];

/** Which rule version gave an entry, as people read it (P3: "each entry with the rule that gave it"). */
function ruleText(e: PointsHistoryEntry): string {
  if (!e.rule) return e.reason ? `扣分原因：${e.reason}` : '';
  const year = e.rule.yearlyCap !== null ? `，每年上限 ${e.rule.yearlyCap} 分` : '';
  return `规则第 ${e.rule.version} 版：每次 ${e.rule.points} 分，每日上限 ${e.rule.dailyCap} 分${year}`;
}

/**
 * 党员积分 (P3): a year's entries with the rule behind each, and the rankings of my branch and my
 * committee; this year first, earlier years a step back (last year's, asked for at the year-end review).
 */
export default function PointsPage() {
  const [tab, setTab] = useState<Tab>('history');
  const thisYear = chinaYear(new Date());
  const [year, setYear] = useState(thisYear);
  const history = useQuery(`points-history:${year}`, () => getPointsHistory(year));
  const board = useQuery(tab === 'history' ? null : `points-board:${tab}:${year}`, () =>
    getPointsRanking({ by: tab === 'branches' ? 'branches' : 'members', limit: 50, year }),
  );
  usePullDownRefresh(() => void Promise.all([history.reload(), board.reload()]).finally(() => Taro.stopPullDownRefresh()));
  const h = history.data;
  const { me } = useMe();
  const deductions = me ? grantsWith(me, 'points.manage').length + grantsWith(me, 'points.approve').length > 0 : false;

  return (
    <View className='page study-page'>
      <YearSwitch year={year} onChange={setYear} />
      {h ? (
        <Card className='study-points'>
          <View className='study-points__total'>
            <View>
              <Text className='study-points__value' data-testid='year-total'>
                {h.yearTotal}
              </Text>
              <Text className='study-points__label'>{`${h.year} 年积分`}</Text>
            </View>
          </View>
        </Card>
      ) : null}
      <View className='study-tabs'>
        {TABS.map((t) => (
          <Text key={t.key} className={`study-tabs__item ${tab === t.key ? 'study-tabs__item--on' : ''}`} onClick={() => setTab(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      {tab === 'history' ? (
        <StateView loading={history.loading} error={history.error} ready={h !== undefined} onRetry={() => void history.reload()}>
          <Card title={year === thisYear ? '本年明细' : `${year} 年明细`}>
            {h?.entries.length ? (
              h.entries.map((e) => (
                <View key={e.id} className='study-row' data-kind={e.kind}>
                  <View className='study-row__main'>
                    <Text className='study-row__title'>{pointsKindLabel(e.kind)}</Text>
                    <Text className='study-row__sub'>{`${e.day} · ${ruleText(e)}`}</Text>
                  </View>
                  <Text className='study-link'>{`${e.points > 0 ? '+' : ''}${e.points}`}</Text>
                </View>
              ))
            ) : (
              <Text className='dj-muted'>{year === thisYear ? '本年还没有积分记录' : `${year} 年没有积分记录`}</Text>
            )}
          </Card>
        </StateView>
      ) : (
        <StateView loading={board.loading} error={board.error} ready={board.data !== undefined && !board.loading} onRetry={() => void board.reload()}>
          {board.data ? (
            <Card title={`${board.data.org.name} · ${board.data.year} 年`}>
              <BoardRows board={board.data} />
            </Card>
          ) : null}
        </StateView>
      )}
      <View className='study-tabs'>
        <Text className='study-tabs__item' onClick={() => void Taro.navigateTo({ url: '/packages/points/pages/rules/index' })}>
          积分规则
        </Text>
        {deductions ? (
          <Text className='study-tabs__item' onClick={() => void Taro.navigateTo({ url: '/packages/points/pages/deductions/index' })}>
            扣分审批
          </Text>
        ) : null}
      </View>
    </View>
  );
}
