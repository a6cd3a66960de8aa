import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaMonth, INDEX_KEYS, INDEX_LABEL, previousMonth, type IndexKey } from '@dangjian/shared';
import { explainIndex, getBranchIndexes } from '@/api/indexes';
import { EmptyState, ErrorState, Loading } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { ConsoleLayout } from '../../components/ConsoleLayout';
import { DataTable } from '../../components/DataTable';
import { IndexRadarPanel, IndexTrendPanel } from '../../parts/oversight-charts';
import { TABLES } from '../../tables';
import { indexExports, loadRanking } from '../../tables/oversight';
import { Why } from './Why';
import '../../parts/panels.scss';

/**
 * 指数分析 (K5): a committee's branches ranked by the average of the five indexes in the data table, and
 * for the branch picked (a row, or `branchId`) its twelve-month trends, the radar of the five and why
 * one index scored what it did. The ranking's definition is the console's `indexes` list.
 */
export default function ConsoleIndexesPage() {
  const { params } = useRouter();
  const { me, grants, org, setPicked } = useOrgChoice('index.read');
  const current = chinaMonth();
  const [month, setMonth] = useState(current);
  const [picked, setBranch] = useState<string | null>(safeDecode(params.branchId) || null);
  const [index, setIndex] = useState<IndexKey>('vitality');
  const ranking = useQuery(org ? `${org.orgId}:${month}` : null, () => loadRanking(org!.orgId, month));
  // The branch shown: the one picked, else the top of the ranking, else the organisation itself (a branch secretary's own).
  const branchId = picked ?? ranking.data?.rows[0]?.orgId ?? (ranking.data ? org?.orgId : undefined) ?? null;
  const scores = useQuery(branchId ? `${branchId}:${month}` : null, () => getBranchIndexes(branchId!, { month }));
  const why = useQuery(branchId ? `${branchId}:${month}:${index}` : null, () => explainIndex(branchId!, { month, index }));
  const def = TABLES.indexes;
  const pickOrg = (o: { orgId: string; orgName: string }) => {
    setPicked(o);
    setBranch(null);
  };

  const months = [
    { value: current, label: '本月' },
    { value: previousMonth(current), label: '上月' },
  ];
  const actions = months.map((m) => (
    <Text key={m.value} className={`cs-chip${m.value === month ? ' cs-chip--on' : ''}`} onClick={() => setMonth(m.value)} data-month={m.value}>
      {`${m.label}（${m.value}）`}
    </Text>
  ));

  const body = () => {
    if (me && !org) return <EmptyState title='没有可查看的组织' description='您当前的角色不能查看指数' />;
    if (ranking.error) return <ErrorState message={ranking.error.message} onRetry={() => void ranking.reload()} />;
    if (!ranking.data) return <Loading />;
    const scored = scores.data && scores.data.trend.rows.some((r) => r.values.some((v) => v !== null));
    return (
      <>
        {scores.data && scored ? (
          <View className='cs-charts'>
            <IndexTrendPanel data={scores.data} />
            <IndexRadarPanel data={scores.data} />
            <View className='cs-panel cs-panel--wide' data-panel='index-why'>
              <Text className='cs-panel__title'>{`${scores.data.orgName} 得分构成与变化原因`}</Text>
              <View className='cs-chips'>
                {INDEX_KEYS.map((k) => (
                  <Text key={k} className={`cs-chip${k === index ? ' cs-chip--on' : ''}`} onClick={() => setIndex(k)} data-index={k}>
                    {INDEX_LABEL[k]}
                  </Text>
                ))}
              </View>
              {why.data ? <Why x={why.data} /> : why.error ? <ErrorState message={why.error.message} onRetry={() => void why.reload()} /> : <Loading />}
            </View>
          </View>
        ) : scores.data ? (
          <Text className='cs-note'>{`${scores.data.orgName} ${month} 还没有指数得分（每小时自动计算一次）。`}</Text>
        ) : null}
        <Text className='cs-section'>{`支部排名（${month}，按五个指数的平均）`}</Text>
        <DataTable
          tableId='indexes'
          rows={ranking.data.rows}
          rowKey={(r) => def.rowKey(r)}
          columns={def.columns}
          filters={def.filters}
          bulkActions={def.bulk}
          exports={org ? indexExports(org.orgId, month) : []}
          onOpen={(r) => {
            setBranch(r.orgId);
            void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
          }}
          note={ranking.data.truncated ? `只显示前 ${ranking.data.rows.length} 个支部` : ranking.data.rows.length === 0 ? '本月尚无得分' : null}
        />
      </>
    );
  };

  return (
    <ConsoleLayout active='indexes' title='指数分析' org={org ? { current: org, grants, pick: pickOrg } : null} actions={org ? actions : null}>
      {body()}
    </ConsoleLayout>
  );
}
