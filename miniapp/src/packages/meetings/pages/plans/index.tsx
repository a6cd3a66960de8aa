import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaYear, MEETING_PLAN_STATE_LABEL, type MeetingPlanSummary } from '@dangjian/shared';
import { createMeetingPlan, listMeetingPlans } from '@/api/meeting-plans';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { OrgSwitch } from '@/components/OrgSwitch';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { usePagedList } from '@/hooks/usePagedList';
import { grantsWith } from '@/utils/access';
import { formatDateTime } from '@/utils/format';
import { PLAN_STATE_TONE } from '../../calendar/plan-shape';
import { Tag } from '@/components/Card';
import { complianceUrl, planUrl } from '../../routes';
import './index.scss';

/**
 * The yearly plans (年度计划) of the branches in an organisation's subtree: a branch's secretary drafts
 * its own from the C1 rules; the committee above sees every branch's and opens the submitted ones.
 */
export default function PlansPage() {
  const { me, grants, org, setPicked } = useOrgChoice('org.read');
  const thisYear = chinaYear(new Date());
  const [year, setYear] = useState(String(thisYear));
  const [busy, setBusy] = useState(false);
  const years: ReadonlyArray<SegmentOption<string>> = [thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: `${y}年` }));
  const list = usePagedList<MeetingPlanSummary>(org ? JSON.stringify([org.orgId, year]) : null, (page, pageSize) =>
    listMeetingPlans({ orgId: org?.orgId ?? '', year: Number(year), page, pageSize }),
  );
  useListPageEvents(list, { refreshOnShow: true });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看年度计划' /> : <Loading />}</View>;
  }
  // A secretary drafts the plan of the branch they run, once per year.
  const runs = Boolean(me && grantsWith(me, 'meeting.manage').some((g) => g.orgId === org.orgId));
  const canDraft = runs && !list.loading && !list.items.some((p) => p.organisationId === org.orgId);

  const draft = async () => {
    setBusy(true);
    try {
      const plan = await createMeetingPlan({ organisationId: org.orgId, year: Number(year) });
      void Taro.navigateTo({ url: planUrl(plan.id) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page plans'>
      <View className='plans__toolbar'>
        <View className='plans__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='plans__org' switchClassName='plans__org--switch' />
          <Text className='plans__link' onClick={() => void Taro.navigateTo({ url: complianceUrl(org.orgId, org.orgName) })}>
            落实情况
          </Text>
        </View>
        <Segmented options={years} value={year} onChange={setYear} />
      </View>
      {canDraft ? (
        <View className='plans__draft'>
          <Text className='plans__hint'>按三会一课最低频次自动起草全年计划，起草后可逐项调整议题和月份，再报上级党组织。</Text>
          <DjButton loading={busy} onClick={() => void draft()}>
            起草{year}年度计划
          </DjButton>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0 && !canDraft}
        emptyTitle='暂无年度计划'
        emptyDescription='各支部起草并报送后在此查看'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((p) => (
          <View key={p.id} className='plans__row' data-plan-id={p.id} onClick={() => void Taro.navigateTo({ url: planUrl(p.id) })}>
            <View className='plans__row-head'>
              <Text className='plans__name'>{p.organisationName}</Text>
              <Tag tone={PLAN_STATE_TONE[p.state]}>{MEETING_PLAN_STATE_LABEL[p.state]}</Tag>
            </View>
            <Text className='plans__sub'>
              {p.year}年 · 共 {p.entryCount} 项{p.submittedAt ? ` · ${formatDateTime(p.submittedAt)} 报送` : ''}
            </Text>
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
