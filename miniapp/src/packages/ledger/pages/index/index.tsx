import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GAP_REASON_LABEL, GapReasonSchema, hasPermission, type LedgerEntry } from '@dangjian/shared';
import { ledgerExportUrl, listLedger } from '@/api/ledger';
import { Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { OrgSwitch } from '@/components/OrgSwitch';
import { SearchBar, Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { usePagedList } from '@/hooks/usePagedList';
import { openExternal } from '@/platform/open';
import { COVERAGE_TONE, coverageLabel, gapText, names } from '../../labels';
import { coverageUrl, ledgerDetailUrl, ledgerEditUrl, ledgerImportUrl, MY_VISITS_URL } from '../../routes';
import '../../ledger.scss';

type CoverageFilter = LedgerEntry['coverage'] | 'all';
const COVERAGE_OPTIONS: ReadonlyArray<SegmentOption<CoverageFilter>> = [
  { value: 'all', label: '全部' },
  { value: 'own', label: '单独建组织' },
  { value: 'joint', label: '联合支部' },
  { value: 'none', label: '未覆盖' },
];

/**
 * The committee's enterprise ledger (K1): cards on a phone, a table on a desktop (≥1024 px). Coverage
 * and gaps come computed from the server; `gap` (from the coverage page) lists one reason's enterprises.
 */
export default function LedgerListPage() {
  const { params } = useRouter();
  const { me, grants, org, setPicked } = useOrgChoice('ledger.read');
  const [q, setQ] = useState('');
  const [coverage, setCoverage] = useState<CoverageFilter>('all');
  const gap = GapReasonSchema.safeParse(params.gap).data;
  const canManage =
    !!me &&
    hasPermission(
      me.roles.filter((g) => g.orgId === org?.orgId),
      'ledger.manage',
    );
  const list = usePagedList(org ? `${org.orgId}|${q}|${coverage}|${gap ?? ''}` : null, (page, pageSize) =>
    listLedger({ committeeId: org!.orgId, q: q || undefined, coverage: coverage === 'all' ? undefined : coverage, gap, page, pageSize }),
  );
  useListPageEvents(list, { refreshOnShow: true });
  const go = (url: string) => void Taro.navigateTo({ url });

  if (!org) return me ? <EmptyState title='没有可查看的企业台账' description='企业台账由党委组织工作人员维护' /> : <Loading />;
  return (
    <View className='page ledger'>
      <View className='ledger__head'>
        <OrgSwitch className='ledger__org' switchClassName='ledger__org--switch' orgName={org.orgName} grants={grants} onPick={setPicked} />
        <View className='ledger__actions'>
          <Text className='ledger__link' onClick={() => go(coverageUrl(org.orgId, org.orgName))}>
            覆盖率
          </Text>
          {canManage ? (
            <>
              <Text className='ledger__link' onClick={() => go(ledgerEditUrl({ committeeId: org.orgId }))}>
                新增企业
              </Text>
              <Text className='ledger__link ledger__import' onClick={() => go(ledgerImportUrl(org.orgId, org.orgName))}>
                导入
              </Text>
            </>
          ) : null}
          <Text className='ledger__link' onClick={() => void ledgerExportUrl(org.orgId).then((u) => openExternal(u, 'spreadsheet'))}>
            导出
          </Text>
          <Text className='ledger__link' onClick={() => go(MY_VISITS_URL)}>
            我的走访
          </Text>
        </View>
      </View>
      <SearchBar value={q} placeholder='企业名称或统一社会信用代码' onSearch={setQ} />
      <Segmented options={COVERAGE_OPTIONS} value={coverage} onChange={setCoverage} />
      {gap ? <Text className='ledger__filter'>{`只看：${GAP_REASON_LABEL[gap]}`}</Text> : null}
      {list.loading ? (
        <Loading />
      ) : list.items.length === 0 && !list.error ? (
        <EmptyState title='台账中没有符合条件的企业' description={canManage ? '可以“导入”摸排表或“新增企业”' : undefined} />
      ) : (
        <View className='ledger-table'>
          <View className='ledger-table__row ledger-table__row--head'>
            <Text className='ledger-table__cell ledger-table__name'>企业</Text>
            <Text className='ledger-table__cell'>职工</Text>
            <Text className='ledger-table__cell'>党员</Text>
            <Text className='ledger-table__cell'>组织覆盖</Text>
            <Text className='ledger-table__cell'>党建指导员</Text>
            <Text className='ledger-table__cell'>最近走访</Text>
            <Text className='ledger-table__cell ledger-table__gaps'>待解决</Text>
          </View>
          {list.items.map((e) => (
            <View key={e.id} className='ledger-table__row ledger-row' onClick={() => go(ledgerDetailUrl(e.id))}>
              <View className='ledger-table__cell ledger-table__name'>
                <Text className='ledger-row__name'>{e.name}</Text>
                <Text className='ledger-row__sub'>{`${e.creditCode} · ${e.industry ?? '行业未填'}`}</Text>
              </View>
              <Text className='ledger-table__cell ledger-row__meta' data-label='职工'>
                {e.employees ?? '—'}
              </Text>
              <Text className='ledger-table__cell ledger-row__meta' data-label='党员'>
                {`${e.rollMembers + e.declaredMembers}`}
              </Text>
              <View className='ledger-table__cell'>
                <Tag tone={COVERAGE_TONE[e.coverage]}>{coverageLabel(e.coverage)}</Tag>
              </View>
              <Text className='ledger-table__cell ledger-row__meta' data-label='指导员'>
                {names(e.instructors)}
              </Text>
              <Text className='ledger-table__cell ledger-row__meta' data-label='最近走访'>
                {e.lastVisitOn ?? '未走访'}
              </Text>
              <Text className='ledger-table__cell ledger-table__gaps ledger-row__gaps'>{gapText(e)}</Text>
            </View>
          ))}
        </View>
      )}
      <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
    </View>
  );
}
