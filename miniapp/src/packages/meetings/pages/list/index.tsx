import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MeetingStatus, MeetingSummary } from '@dangjian/shared';
import { listMeetings } from '@/api/meetings';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { MeetingRow } from '@/components/MeetingRow';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { OrgSwitch } from '@/components/OrgSwitch';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { attendanceRateUrl, calendarUrl, complianceUrl, createMeetingUrl, meetingDetailUrl, plansUrl, reviewCasesUrl } from '../../routes';
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
  const { me, grants, org, setPicked } = useOrgChoice('meeting.manage');
  const [status, setStatus] = useState<StatusFilter>('all');
  const key = org ? JSON.stringify([org.orgId, status]) : null;

  const list = usePagedList<MeetingSummary>(key, (page, pageSize) =>
    listMeetings({ orgId: org?.orgId ?? '', status: status === 'all' ? undefined : status, page, pageSize }),
  );

  // Coming back from creating or changing a meeting shows it at once.
  useListPageEvents(list, { refreshOnShow: true });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可管理的会议' description='您当前的角色不能安排会议' /> : <Loading />}</View>;
  }

  return (
    <View className='page meeting-list'>
      <View className='meeting-list__toolbar'>
        <View className='meeting-list__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='meeting-list__org' switchClassName='meeting-list__org--switch' />
          {list.loading ? null : <Text className='meeting-list__total'>共 {list.total} 场</Text>}
        </View>
        <View className='meeting-list__links'>
          <Text className='meeting-list__link' onClick={() => void Taro.navigateTo({ url: calendarUrl() })}>
            日历
          </Text>
          <Text className='meeting-list__link' onClick={() => void Taro.navigateTo({ url: plansUrl(org.orgId, org.orgName) })}>
            年度计划
          </Text>
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
