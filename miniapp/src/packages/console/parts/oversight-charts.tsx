import { useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import type { CoverageTrend, IndexBranchScores } from '@dangjian/shared';
import { Chart } from '../components/Chart';
import { coverageTrendOption, indexRadarOption, indexTrendOption } from '../components/chart-options';

/*
 * The oversight charts (issue 15: coverage K2–K4, the five indexes K5) shared by the console's
 * overview and its 指数分析 page.
 */

/** Some month of the trend has enterprises in the ledger (a branch's area has none: no chart). */
export const hasLedger = (t: CoverageTrend) => t.months.some((m) => m.enterprises > 0);
/** The branch has a score in some month of its trend (a committee is not scored itself). */
export const hasScores = (d: IndexBranchScores) => d.trend.rows.some((r) => r.values.some((v) => v !== null));

export function CoverageTrendPanel({ trend, wide }: { trend: CoverageTrend; wide?: boolean }) {
  const option = useMemo(() => coverageTrendOption(trend), [trend]);
  const last = trend.months[trend.months.length - 1];
  return (
    <View className={`cs-panel${wide ? ' cs-panel--wide' : ''}`} data-panel='coverage'>
      <Text className='cs-panel__title'>{`企业覆盖率走势（${trend.target.year} 年目标：组织 ${trend.target.orgTarget}%、工作 ${trend.target.workTarget}%）`}</Text>
      <Chart option={option} height={280} label='覆盖率走势' />
      {last ? (
        <Text className='cs-panel__foot'>{`${last.month} 台账企业 ${last.enterprises} 家，组织覆盖 ${last.orgCovered} 家，工作覆盖 ${last.workCovered} 家；虚线为目标。`}</Text>
      ) : null}
    </View>
  );
}

export function IndexTrendPanel({ data }: { data: IndexBranchScores }) {
  const option = useMemo(() => indexTrendOption(data.trend), [data]);
  return (
    <View className='cs-panel' data-panel='index-trend'>
      <Text className='cs-panel__title'>{`${data.orgName} 五个指数走势`}</Text>
      <Chart option={option} height={280} label='五个指数走势' />
    </View>
  );
}

export function IndexRadarPanel({ data }: { data: IndexBranchScores }) {
  const option = useMemo(() => indexRadarOption(data), [data]);
  return (
    <View className='cs-panel' data-panel='index-radar'>
      <Text className='cs-panel__title'>{`${data.orgName} 五个指数（${data.month}）`}</Text>
      <Chart option={option} height={280} label='五个指数雷达图' />
    </View>
  );
}
