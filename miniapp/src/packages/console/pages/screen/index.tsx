import { useEffect, useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SCREEN_TOKEN_PARAM, formatRate, formatYuan, type HallSnapshot } from '@dangjian/shared';
import { formatClock } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { Chart } from '../../components/Chart';
import { feeRateOption } from '../../components/chart-options';
import { Coverage, Panel, Ranking, TodayMeetings } from './parts';
import { useHall } from './useHall';
import './index.scss';

const STATUS_LABEL = { connecting: '连接中', live: '实时更新', reconnecting: '网络中断，正在重连', failed: '已停止更新' } as const;

function Counts({ s }: { s: HallSnapshot }) {
  const c = s.counts;
  const tiles = [
    { label: '党员总数', value: c.members.toLocaleString('zh-CN'), unit: '名' },
    { label: '党组织', value: String(c.organisations), unit: '个' },
    { label: '今日会议', value: String(c.meetingsToday), unit: '场' },
    { label: '今日签到', value: `${c.checkinsToday}`, unit: `/ ${c.expectedToday} 人` },
    { label: '本月党费收缴率', value: formatRate(c.feeRateBpThisMonth), unit: '', hint: `已交 ${formatYuan(c.feePaidFenThisMonth)} 元` },
    { label: '本月学习', value: String(c.studyHoursThisMonth), unit: '学时', hint: `${c.learnersThisMonth} 人参与` },
  ];
  return (
    <View className='hall-counts'>
      {tiles.map((t) => (
        <View key={t.label} className='hall-count' data-count={t.label}>
          <Text className='hall-count__label'>{t.label}</Text>
          <View className='hall-count__line'>
            <Text className='hall-count__value'>{t.value}</Text>
            <Text className='hall-count__unit'>{t.unit}</Text>
          </View>
          {t.hint ? <Text className='hall-count__hint'>{t.hint}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * 数据大屏 (1920×1080, the committee hall): opened by a signed read-only link (`?orgId=&s=`) or by a
 * signed-in worker; live counts, today's meetings and check-ins, fee collection, coverage against
 * targets and the index ranking, refreshed every few seconds.
 */
export default function HallScreenPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId) || null;
  const token = safeDecode(params[SCREEN_TOKEN_PARAM]) || null;
  const { snapshot, status, error } = useHall(orgId, token);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const fees = useMemo(() => (snapshot ? feeRateOption(snapshot.fees, true) : null), [snapshot]);

  if (!orgId) return <View className='hall hall--message'>大屏链接不完整，请重新生成</View>;
  if (!snapshot) return <View className='hall hall--message'>{error ? error.message : '正在载入…'}</View>;
  return (
    <View className='hall' data-testid='hall'>
      <View className='hall-head'>
        <Text className='hall-head__clock'>{formatClock(now.toISOString(), true)}</Text>
        <Text className='hall-head__title'>{`${snapshot.orgName} · 智慧党建数据大屏`}</Text>
        <Text className={`hall-head__status hall-head__status--${status}`}>{error ? error.message : STATUS_LABEL[status]}</Text>
      </View>
      <Counts s={snapshot} />
      <View className='hall-grid'>
        <Panel title='今日会议与签到' className='hall-grid__meetings'>
          <TodayMeetings meetings={snapshot.todayMeetings} />
        </Panel>
        <Panel title='党费收缴（近 6 个月）' className='hall-grid__fees'>
          {fees ? <Chart option={fees} height={640} label='党费收缴率' /> : null}
        </Panel>
        <Panel title='组织覆盖与目标' className='hall-grid__coverage'>
          <Coverage coverage={snapshot.coverage} />
        </Panel>
        <Panel title='指数排名' className='hall-grid__ranking'>
          <Ranking ranking={snapshot.ranking} />
        </Panel>
      </View>
    </View>
  );
}
