import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgCompliance } from '@dangjian/shared';
import { getCompliance } from '@/api/meeting-records';
import { Notice, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { OrgSwitch } from '@/components/OrgSwitch';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { chinaDateAndTime } from '@/utils/format';
import { BUCKET_STATE, orgComplianceView, type RequirementView } from '../../records/shape';
import '../../records/records.scss';
import { ComplianceMatrix } from './ComplianceMatrix';

function Requirement({ r }: { r: RequirementView }) {
  return (
    <View className='records__req'>
      <View className='records__req-head'>
        <Text className='records__req-title'>{r.title}</Text>
        <Text className='records__aside'>{r.rule}</Text>
      </View>
      <Text className='records__muted'>
        达标 {r.met} 期{r.missing > 0 ? ` · 缺 ${r.missing} 期` : ''}
        {r.due > 0 ? ` · 本期待开` : ''}
      </Text>
      {r.progress ? <Text className='records__muted'>{r.progress}</Text> : null}
      <View className='records__buckets'>
        {r.buckets.map((b) => (
          <View key={b.key} className={`records__bucket records__bucket--${b.state}`} aria-label={`${b.label}${b.stateLabel}`}>
            <Text className='records__bucket-label'>{b.label}</Text>
            <Text>{b.state === 'met' || b.held > 0 ? `${b.stateLabel} ${b.held}` : b.stateLabel}</Text>
            {b.planned !== null || b.scheduled > 0 ? (
              <Text className='records__bucket-plan'>
                {b.planned !== null ? `计${b.planned}` : ''}
                {b.scheduled > 0 ? ` 排${b.scheduled}` : ''}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}

function OrgCard({ org }: { org: OrgCompliance }) {
  const v = orgComplianceView(org);
  const tone = v.verdict === 'missing' ? 'primary' : v.verdict === 'due' ? 'warning' : 'success';
  return (
    <View className='records__card'>
      <View className='records__card-head'>
        <Text className='records__title'>{v.name}</Text>
        <Tag tone={tone}>{v.verdictText}</Tag>
      </View>
      <Text className='records__muted'>{v.planText}</Text>
      {v.requirements.map((r) => (
        <Requirement key={r.key} r={r} />
      ))}
      {v.notApplicable.length > 0 ? (
        <View className='records__req'>
          {v.notApplicable.map((r) => (
            <Text key={r.key} className='records__muted'>
              {r.title}：不适用{r.note ? `（${r.note}）` : ''}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

const VIEWS: ReadonlyArray<SegmentOption<'matrix' | 'detail'>> = [
  { value: 'matrix', label: '总览' },
  { value: 'detail', label: '明细' },
];

/** C1: which required meetings each branch of the subtree held in a year, and which are missing. */
export default function CompliancePage() {
  const { me, grants, org, setPicked } = useOrgChoice('org.read');
  const thisYear = Number(chinaDateAndTime(new Date()).date.slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  // 总览 (a matrix of branches × meeting types) first; 明细 is the month-by-month card of each branch.
  const [view, setView] = useState<'matrix' | 'detail'>('matrix');
  const [only, setOnly] = useState<string | null>(null);
  const years: ReadonlyArray<SegmentOption<string>> = [thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: String(y), label: `${y}年` }));
  const key = org ? JSON.stringify([org.orgId, year]) : null;
  const list = usePagedList<OrgCompliance>(key, (page, pageSize) => getCompliance({ orgId: org?.orgId ?? '', year: Number(year), page, pageSize }), 10);

  useListPageEvents(list);

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看三会一课落实情况' /> : <Loading />}</View>;
  }

  return (
    <View className='page records'>
      <View className='records__toolbar'>
        <View className='records__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='records__org' switchClassName='records__org--switch' />
          {list.loading ? null : <Text className='records__aside'>共 {list.total} 个支部</Text>}
        </View>
        <Segmented options={years} value={year} onChange={setYear} />
        <Segmented
          options={VIEWS}
          value={view}
          onChange={(v) => {
            setView(v);
            setOnly(null);
          }}
        />
      </View>
      <View className='records__legend'>
        {(['met', 'missing', 'due', 'upcoming'] as const).map((s) => (
          <View key={s} className={`records__legend-item records__bucket--${s}`}>
            <Text>{BUCKET_STATE[s].label}</Text>
          </View>
        ))}
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={list.items.length > 0 || (!list.loading && !list.error)}
        empty={list.items.length === 0}
        emptyTitle='没有需要考核的支部'
        emptyDescription='三会一课按支部考核；该组织下暂无党支部'
        onRetry={() => void list.refresh()}
      >
        <View className='records__notice'>
          <Notice tone='info'>
            按未取消且已开始的会议、以开始时间所在月份统计；“缺”为已过期未达标，“本期待开”为当前周期尚未达标；“计”为年度计划安排的次数，“排”为已安排尚未召开的会议。
          </Notice>
        </View>
        {view === 'matrix' ? (
          <ComplianceMatrix
            orgs={list.items}
            onOpen={(orgId) => {
              setOnly(orgId);
              setView('detail');
            }}
          />
        ) : (
          list.items.filter((o) => !only || o.orgId === only).map((o) => <OrgCard key={o.orgId} org={o} />)
        )}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
