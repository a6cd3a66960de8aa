import { useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { MeetingStatus, MeetingSummary } from '@dangjian/shared';
import { listMeetings } from '@/api/meetings';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { MeetingRow } from '@/components/MeetingRow';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { safeDecode } from '@/utils/qr';
import { attendanceRateUrl, complianceUrl, createMeetingUrl, meetingDetailUrl, reviewCasesUrl } from '../../routes';
import './index.scss';

type StatusFilter = MeetingStatus | 'all';
const STATUS_OPTIONS: ReadonlyArray<SegmentOption<StatusFilter>> = [
  { value: 'all', label: '全部' },
  { value: 'scheduled', label: '未开始' },
  { value: 'in_progress', label: '进行中' },
  { value: 'ended', label: '已结束' },
];

/** Meetings of the organisations where the person may run meetings (secretaries, group leaders). */
export default function MeetingListPage() {
  const { params } = useRouter();
  const { me } = useMe();
  const grants = useMemo(() => (me ? grantsWith(me, 'meeting.manage') : []), [me]);
  const [picked, setPicked] = useState<{ orgId: string; orgName: string } | null>(null);
  const routeOrgId = safeDecode(params.orgId);
  const fromRoute = routeOrgId
    ? { orgId: routeOrgId, orgName: safeDecode(params.orgName) || (grants.find((g) => g.orgId === routeOrgId)?.orgName ?? '') }
    : null;
  const fallback = grants[0] ? { orgId: grants[0].orgId, orgName: grants[0].orgName } : null;
  const org = picked ?? fromRoute ?? fallback;
  const [status, setStatus] = useState<StatusFilter>('all');
  const key = org ? JSON.stringify([org.orgId, status]) : null;

  const list = usePagedList<MeetingSummary>(key, (page, pageSize) =>
    listMeetings({ orgId: org?.orgId ?? '', status: status === 'all' ? undefined : status, page, pageSize }),
  );

  // Coming back from creating or changing a meeting shows it at once.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void list.refresh();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.error) void list.loadMore();
  });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可管理的会议' description='您当前的角色不能安排会议' /> : <Loading />}</View>;
  }

  return (
    <View className='page meeting-list'>
      <View className='meeting-list__toolbar'>
        <View className='meeting-list__org-line'>
          {grants.length > 1 ? (
            <Picker
              mode='selector'
              range={grants.map((g) => g.orgName)}
              onChange={(e) => {
                const g = grants[Number(e.detail.value)];
                if (g) setPicked({ orgId: g.orgId, orgName: g.orgName });
              }}
            >
              <Text className='meeting-list__org meeting-list__org--switch'>{org.orgName} ▾</Text>
            </Picker>
          ) : (
            <Text className='meeting-list__org'>{org.orgName}</Text>
          )}
          {list.loading ? null : <Text className='meeting-list__total'>共 {list.total} 场</Text>}
        </View>
        <View className='meeting-list__links'>
          <Text className='meeting-list__link' onClick={() => void Taro.navigateTo({ url: complianceUrl(org.orgId, org.orgName) })}>
            落实情况
          </Text>
          <Text className='meeting-list__link' onClick={() => void Taro.navigateTo({ url: attendanceRateUrl(org.orgId, org.orgName) })}>
            参会率
          </Text>
          <Text className='meeting-list__link' onClick={() => void Taro.navigateTo({ url: reviewCasesUrl(org.orgId, org.orgName) })}>
            审查事项
          </Text>
        </View>
        <Segmented options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle='暂无会议'
        emptyDescription='点击下方“新建会议”安排三会一课'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((m) => (
          <MeetingRow key={m.id} meeting={m} showCounts onOpen={() => void Taro.navigateTo({ url: meetingDetailUrl(m.id) })} />
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
      <View className='meeting-list__create'>
        <DjButton onClick={() => void Taro.navigateTo({ url: createMeetingUrl(org.orgId, org.orgName) })}>新建会议</DjButton>
      </View>
    </View>
  );
}
