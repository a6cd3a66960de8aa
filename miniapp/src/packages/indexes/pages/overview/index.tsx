import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaMonth, INDEX_KEYS, type RankingSort } from '@dangjian/shared';
import { getIndexRanking, recomputeIndexes } from '@/api/indexes';
import { Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { OrgSwitch } from '@/components/OrgSwitch';
import { Segmented } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { MonthSwitch } from '../../parts/MonthSwitch';
import { barWidth, scoreText, SHORT_LABEL, SORT_OPTIONS } from '../../parts/shape';
import { indexBranchUrl, indexDefinitionsUrl } from '../../routes';
import '../../parts/indexes.scss';

/** K5 for a committee: its branches ranked on one month (综合 or one index), each with its five scores; a row opens the branch. */
export default function IndexOverviewPage() {
  const { me, grants, org, setPicked } = useOrgChoice('index.read');
  const current = chinaMonth();
  const [month, setMonth] = useState(current);
  const [sort, setSort] = useState<RankingSort>('overall');
  const [busy, setBusy] = useState(false);
  const key = org ? JSON.stringify([org.orgId, month, sort]) : null;
  const q = useQuery(key, () => getIndexRanking({ committeeId: org?.orgId ?? '', month, sort, limit: 200 }));

  usePullDownRefresh(() => {
    void q.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看指数' /> : <Loading />}</View>;
  }

  const recompute = async () => {
    setBusy(true);
    try {
      const r = await recomputeIndexes({ committeeId: org.orgId, month });
      void Taro.showToast({ title: `已计算 ${r.organisations} 个支部`, icon: 'success' });
      await q.reload();
    } catch {
      // the client has shown the error
    } finally {
      setBusy(false);
    }
  };
  const data = q.data;

  return (
    <View className='page idx'>
      <View className='idx__toolbar'>
        <View className='idx__org-line'>
          <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='idx__org' switchClassName='idx__org--switch' />
          <MonthSwitch month={month} max={current} onChange={setMonth} />
        </View>
        <Segmented options={SORT_OPTIONS} value={sort} onChange={setSort} />
      </View>
      <StateView loading={q.loading} error={q.error} ready={!!data && !(q.loading && !data)} onRetry={() => void q.reload()}>
        {data ? (
          <>
            <View className='idx__actions'>
              <Text className='idx__muted'>
                {data.total} 个支部{data.computedAt ? ` · 计算于 ${data.computedAt.slice(5, 16).replace('T', ' ')}` : ' · 本月尚未计算'}
              </Text>
              <View className='idx__links'>
                <Text className='idx__link' onClick={() => void Taro.navigateTo({ url: indexDefinitionsUrl(org.orgId, org.orgName) })}>
                  指数口径
                </Text>
                {data.canRecompute ? (
                  <DjButton variant='secondary' className='idx__recompute' loading={busy} onClick={() => void recompute()}>
                    重新计算
                  </DjButton>
                ) : null}
              </View>
            </View>
            {data.items.length === 0 ? (
              <EmptyState title='还没有得分' description={data.canRecompute ? '点“重新计算”生成本月得分' : '每小时自动计算一次'} />
            ) : (
              <View className='idx__card idx-rank'>
                <View className='idx-rank__head'>
                  <Text className='idx-rank__no'>名次</Text>
                  <Text className='idx-rank__name'>支部</Text>
                  <Text className='idx-rank__overall'>综合</Text>
                  {INDEX_KEYS.map((k) => (
                    <Text key={k} className={`idx-rank__score ${sort === k ? 'idx-rank__score--on' : ''}`}>
                      {SHORT_LABEL[k]}
                    </Text>
                  ))}
                </View>
                {data.items.map((r) => (
                  <View key={r.orgId} className='idx-rank__row' onClick={() => void Taro.navigateTo({ url: indexBranchUrl(r.orgId, r.orgName, month) })}>
                    <Text className='idx-rank__no'>{r.rank}</Text>
                    <View className='idx-rank__name'>
                      <Text className='idx-rank__org'>{r.orgName}</Text>
                      <View className='idx-bar'>
                        <View className='idx-bar__fill' style={{ width: barWidth(sort === 'overall' ? r.overall : r.scores[sort]) }} />
                      </View>
                    </View>
                    <Text className='idx-rank__overall'>{scoreText(r.overall)}</Text>
                    {INDEX_KEYS.map((k) => (
                      <Text key={k} className={`idx-rank__score ${sort === k ? 'idx-rank__score--on' : ''}`}>
                        {scoreText(r.scores[k])}
                      </Text>
                    ))}
                  </View>
                ))}
              </View>
            )}
            <View className='idx__notice'>
              <Notice tone='info'>每个指数满分 100，由若干平台已记录的指标按权重合成；综合为五个指数的平均。点支部查看得分构成和变化原因。</Notice>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
