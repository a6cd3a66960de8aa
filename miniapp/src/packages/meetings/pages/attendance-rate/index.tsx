import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getAttendanceRate } from '@/api/meeting-records';
import { Notice } from '@/components/Card';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { OrgSwitch } from '@/components/OrgSwitch';
import { useQuery } from '@/hooks/useQuery';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { formatDate } from '@/utils/format';
import { presetRange, rateView, type RatePreset, type RateRow } from '../../records/shape';
import '../../records/records.scss';

const PRESETS: ReadonlyArray<SegmentOption<RatePreset>> = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '全部' },
];

function Row({ row }: { row: RateRow }) {
  return (
    <View className='records__rate'>
      <View className='records__rate-head'>
        <Text>{row.name}</Text>
        <Text className={row.noData ? 'records__muted' : 'records__rate-value'}>{row.rateText}</Text>
      </View>
      <View className='records__bar'>
        <View className='records__bar-fill' style={{ width: `${row.percent}%` }} />
      </View>
      <Text className='records__muted'>{row.detail}</Text>
    </View>
  );
}

/** Attendance (出席 / 应到) of the meetings held in an organisation's subtree, and per direct child. */
export default function AttendanceRatePage() {
  const { me, grants, org, setPicked } = useOrgChoice('org.read');
  const [preset, setPreset] = useState<RatePreset>('year');
  const range = presetRange(preset);
  const key = org ? JSON.stringify([org.orgId, range.from, range.to]) : null;
  const q = useQuery(key, () => getAttendanceRate({ orgId: org?.orgId ?? '', ...range }));

  usePullDownRefresh(() => {
    void q.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看参会率' /> : <Loading />}</View>;
  }
  const view = q.data ? rateView(q.data) : null;

  return (
    <View className='page records'>
      <View className='records__toolbar'>
        <View className='records__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='records__org' switchClassName='records__org--switch' />
          {range.from ? <Text className='records__aside'>{formatDate(range.from)}起</Text> : null}
        </View>
        <Segmented options={PRESETS} value={preset} onChange={setPreset} />
      </View>
      <StateView loading={q.loading} error={q.error} ready={!!view && !(q.loading && !view)} onRetry={() => void q.reload()}>
        {view ? (
          <>
            <View className='records__card'>
              <View className='records__card-head'>
                <Text className='records__title'>合计</Text>
              </View>
              <Row row={view.total} />
            </View>
            <View className='records__notice'>
              <Notice tone='info'>参会率 = 出席人次 ÷ 应到人次（已结束、未取消的会议）；请假计入应到，不计出席。下级按参会率从低到高排列。</Notice>
            </View>
            {view.children.length > 0 ? (
              <View className='records__card'>
                <View className='records__card-head'>
                  <Text className='records__title'>下级组织</Text>
                </View>
                {view.children.map((c) => (
                  <Row key={c.key} row={c} />
                ))}
              </View>
            ) : (
              <EmptyState title='没有下级组织' />
            )}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
