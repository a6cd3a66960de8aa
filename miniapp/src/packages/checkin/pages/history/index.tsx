import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttendanceTotals, MemberAttendanceItem } from '@dangjian/shared';
import { ATTENDANCE_STATE_LABEL, MEETING_TYPE_LABEL } from '@dangjian/shared';
import { getMyAttendance } from '@/api/checkin';
import { Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { formatClock, formatDateTime, formatRate } from '@/utils/format';
import { meetingPageUrl } from '../../routes';
import { ATTENDANCE_TONE } from '../../tones';
import './index.scss';

function Totals({ t }: { t: AttendanceTotals }) {
  const cells = [
    { label: '应参会', value: t.expected },
    { label: '出席', value: t.present },
    { label: '请假', value: t.onLeave },
    { label: '缺席', value: t.absent },
  ];
  return (
    <View className='history__totals'>
      <View className='history__rate'>
        <Text className='history__rate-value'>{formatRate(t.rate)}</Text>
        <Text className='history__rate-label'>出勤率（已召开的会议）</Text>
      </View>
      <View className='history__cells'>
        {cells.map((c) => (
          <View key={c.label} className='history__cell'>
            <Text className='history__cell-value'>{c.value}</Text>
            <Text className='history__cell-label'>{c.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function detailOf(i: MemberAttendanceItem): string {
  if (i.state === 'present' || i.state === 'pending_confirmation') return i.checkedInAt ? `签到 ${formatClock(i.checkedInAt)}` : '';
  if (i.state === 'on_leave' || i.state === 'leave_pending') return i.leaveReason ? `事由：${i.leaveReason}` : '';
  if (i.state === 'absent') return i.absenceReason ? `缺席原因：${i.absenceReason}` : '';
  return '';
}

export default function AttendanceHistoryPage() {
  const [totals, setTotals] = useState<AttendanceTotals | null>(null);
  const list = usePagedList<MemberAttendanceItem>('mine', async (page, pageSize) => {
    const r = await getMyAttendance({ page, pageSize });
    setTotals(r.totals);
    return r;
  });

  useListPageEvents(list);

  return (
    <View className='page history'>
      {totals ? <Totals t={totals} /> : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle='暂无出勤记录'
        emptyDescription='参加过的会议会显示在这里'
        onRetry={() => void list.refresh()}
      >
        <View className='history__list'>
          {list.items.map((i) => (
            <View key={i.meetingId} className='history__item' onClick={() => void Taro.navigateTo({ url: meetingPageUrl(i.meetingId) })}>
              <View className='history__item-line'>
                <Text className='history__item-title'>{i.title}</Text>
                <Tag tone={ATTENDANCE_TONE[i.state]}>{ATTENDANCE_STATE_LABEL[i.state]}</Tag>
              </View>
              <Text className='history__item-sub'>
                {MEETING_TYPE_LABEL[i.type]} · {formatDateTime(i.startsAt)}
                {i.isGuest ? ' · 列席' : ''}
              </Text>
              {detailOf(i) ? <Text className='history__item-sub'>{detailOf(i)}</Text> : null}
            </View>
          ))}
        </View>
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
