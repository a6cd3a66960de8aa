import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MeetingSummary } from '@dangjian/shared';
import { listMyMeetings } from '@/api/meetings';
import { ListFooter } from '@/components/ListFooter';
import { MeetingRow } from '@/components/MeetingRow';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/usePagedList';
import { rememberMeetings } from '@/store/meeting-cache';
import { flushOfflineCheckins, refreshOfflineCheckins, useOfflineCheckins } from '@/store/offline-checkins';
import { meetingPageUrl } from '../../routes';
import { scanToCheckin } from '../../scan-to-checkin';
import { OfflineList } from './OfflineList';
import './index.scss';

type Tab = 'upcoming' | 'all';
const TABS: ReadonlyArray<SegmentOption<Tab>> = [
  { value: 'upcoming', label: '即将召开' },
  { value: 'all', label: '全部会议' },
];

/** 会议签到: scan, my meetings (upcoming and all), my personal code, my attendance, offline scans. */
export default function CheckinHomePage() {
  const [tab, setTab] = useState<Tab>('upcoming');
  const offline = useOfflineCheckins();
  const list = usePagedList<MeetingSummary>(tab, (page, pageSize) => listMyMeetings({ upcoming: tab === 'upcoming', page, pageSize }));

  // Remember upcoming meetings, so an offline scan can still name its meeting.
  useEffect(() => {
    if (tab === 'upcoming') rememberMeetings(list.items);
  }, [tab, list.items]);

  const syncOffline = () => flushOfflineCheckins().then(() => refreshOfflineCheckins());
  useDidShow(() => void syncOffline());

  usePullDownRefresh(() => {
    void Promise.all([list.refresh(), syncOffline()]).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.error) void list.loadMore();
  });

  const open = (m: MeetingSummary) => void Taro.navigateTo({ url: meetingPageUrl(m.id) });

  return (
    <View className='page checkin-home'>
      <View className='checkin-home__hero'>
        <View className='checkin-home__scan' role='button' onClick={() => void scanToCheckin()}>
          <View className='checkin-home__scan-icon'>扫</View>
          <View>
            <Text className='checkin-home__scan-title'>扫码签到</Text>
            <Text className='checkin-home__scan-sub'>扫描会场大屏上的二维码</Text>
          </View>
        </View>
        <View className='checkin-home__links'>
          <View className='checkin-home__link' onClick={() => void Taro.navigateTo({ url: '/packages/checkin/pages/my-code/index' })}>
            <Text className='checkin-home__link-title'>我的签到码</Text>
            <Text className='checkin-home__link-sub'>无大屏时由书记扫码</Text>
          </View>
          <View className='checkin-home__link' onClick={() => void Taro.navigateTo({ url: '/packages/checkin/pages/history/index' })}>
            <Text className='checkin-home__link-title'>出勤记录</Text>
            <Text className='checkin-home__link-sub'>参会、请假与缺席</Text>
          </View>
        </View>
      </View>

      <View className='checkin-home__body'>
        <OfflineList entries={offline} />
        <View className='checkin-home__tabs'>
          <Segmented options={TABS} value={tab} onChange={setTab} />
        </View>
        <StateView
          loading={list.loading}
          error={list.error}
          ready={list.items.length > 0 || (!list.loading && !list.error)}
          empty={list.items.length === 0}
          emptyTitle={tab === 'upcoming' ? '近期没有需要参加的会议' : '还没有会议记录'}
          emptyDescription={tab === 'upcoming' ? '新的会议安排会显示在这里' : undefined}
          onRetry={() => void list.refresh()}
        >
          {list.items.map((m) => (
            <MeetingRow key={m.id} meeting={m} onOpen={open} />
          ))}
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
        </StateView>
      </View>
    </View>
  );
}
