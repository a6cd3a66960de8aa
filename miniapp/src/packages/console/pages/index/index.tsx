import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatRate, formatYuan, hasPermission, type ConsoleCharts, type HallCounts } from '@dangjian/shared';
import { createHallLink, getConsoleCharts, getHallSnapshot } from '@/api/console';
import { getBranchIndexes } from '@/api/indexes';
import { getCoverageTrend } from '@/api/ledger';
import { ErrorState, Loading } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { grantsWith } from '@/utils/access';
import { Chart } from '../../components/Chart';
import { attendanceOption, feeRateOption, studyHoursOption } from '../../components/chart-options';
import { ConsoleLayout } from '../../components/ConsoleLayout';
import { CoverageTrendPanel, hasLedger, hasScores, IndexRadarPanel, IndexTrendPanel } from '../../parts/oversight-charts';
import '../../parts/panels.scss';
import './index.scss';

const MONTH_CHOICES = [6, 12, 24] as const;

function Counts({ c }: { c: HallCounts }) {
  const items = [
    { label: '党员', value: String(c.members) },
    { label: '党组织', value: String(c.organisations) },
    { label: '今日会议', value: `${c.meetingsToday} 场` },
    { label: '今日签到', value: `${c.checkinsToday} / ${c.expectedToday}` },
    { label: '本月党费收缴率', value: formatRate(c.feeRateBpThisMonth), hint: `${formatYuan(c.feePaidFenThisMonth)} / ${formatYuan(c.feeDueFenThisMonth)} 元` },
    { label: '本月学习', value: `${c.studyHoursThisMonth} 学时`, hint: `${c.learnersThisMonth} 人参与` },
  ];
  return (
    <View className='cs-counts'>
      {items.map((i) => (
        <View key={i.label} className='cs-count' data-count={i.label}>
          <Text className='cs-count__label'>{i.label}</Text>
          <Text className='cs-count__value'>{i.value}</Text>
          {i.hint ? <Text className='cs-count__hint'>{i.hint}</Text> : null}
        </View>
      ))}
    </View>
  );
}

function Charts({ data }: { data: ConsoleCharts }) {
  const fees = useMemo(() => feeRateOption(data.fees), [data]);
  const attendance = useMemo(() => attendanceOption(data.attendance), [data]);
  const study = useMemo(() => studyHoursOption(data.study), [data]);
  return (
    <View className='cs-charts'>
      <View className='cs-panel cs-panel--wide'>
        <Text className='cs-panel__title'>党费收缴</Text>
        <Chart option={fees} height={280} label='党费收缴率' />
      </View>
      <View className='cs-panel'>
        <Text className='cs-panel__title'>组织生活参会</Text>
        <Chart option={attendance} height={260} label='参会率' />
      </View>
      <View className='cs-panel'>
        <Text className='cs-panel__title'>学习时长</Text>
        <Chart option={study} height={260} label='学习时长' />
      </View>
    </View>
  );
}

/**
 * 数据概览: the area's counts and charts of fee collection, attendance and study by month; a
 * committee's enterprise coverage against its targets (K2–K4), a branch's five indexes (K5); opens
 * the hall's big screen.
 */
export default function ConsoleOverviewPage() {
  const { me, grants, org, setPicked } = useOrgChoice('org.read');
  const [months, setMonths] = useState<number>(12);
  const key = org ? `${org.orgId}:${months}` : null;
  const charts = useQuery(key, () => getConsoleCharts({ orgId: org!.orgId, months }));
  const counts = useQuery(org ? org.orgId : null, () => getHallSnapshot(org!.orgId, null));
  const canLink = !!org && !!me && grantsWith(me, 'org.manage').some((g) => g.orgId === org.orgId);
  const holds = (p: 'ledger.read' | 'index.read') => !!org && !!me && grantsWith(me, p).some((g) => g.orgId === org.orgId);
  const coverage = useQuery(holds('ledger.read') ? `cov:${org!.orgId}` : null, () => getCoverageTrend(org!.orgId));
  const indexes = useQuery(holds('index.read') ? `idx:${org!.orgId}` : null, () => getBranchIndexes(org!.orgId, {}));

  const openScreen = async () => {
    const link = await createHallLink(org!.orgId);
    await openExternal(link.url, 'page');
    void Taro.showToast({ title: '大屏链接已打开，可在大厅电脑上使用', icon: 'none' });
  };

  const actions = (
    <>
      {MONTH_CHOICES.map((n) => (
        <Text key={n} className={`cs-chip${n === months ? ' cs-chip--on' : ''}`} onClick={() => setMonths(n)} data-months={n}>
          {`近 ${n} 个月`}
        </Text>
      ))}
      {canLink ? (
        <Text className='cs-chip cs-chip--primary' onClick={() => void openScreen()} data-testid='open-hall'>
          打开数据大屏
        </Text>
      ) : null}
    </>
  );

  const error = charts.error ?? counts.error;
  return (
    <ConsoleLayout active='overview' title='数据概览' org={org ? { current: org, grants, pick: setPicked } : null} actions={org ? actions : null}>
      {me && !hasPermission(me.roles, 'org.read') ? <Text className='cs-note'>数据概览面向党组织书记和党委工作人员。</Text> : null}
      {error ? <ErrorState message={error.message} onRetry={() => void Promise.all([charts.reload(), counts.reload()])} /> : null}
      {!error && (!charts.data || !counts.data) && org ? <Loading /> : null}
      {counts.data ? <Counts c={counts.data.counts} /> : null}
      {charts.data ? <Charts data={charts.data} /> : null}
      {(coverage.data && hasLedger(coverage.data)) || (indexes.data && hasScores(indexes.data)) ? (
        <View className='cs-charts cs-charts--next'>
          {coverage.data && hasLedger(coverage.data) ? <CoverageTrendPanel trend={coverage.data} wide /> : null}
          {indexes.data && hasScores(indexes.data) ? (
            <>
              <IndexTrendPanel data={indexes.data} />
              <IndexRadarPanel data={indexes.data} />
            </>
          ) : null}
        </View>
      ) : null}
    </ConsoleLayout>
  );
}
