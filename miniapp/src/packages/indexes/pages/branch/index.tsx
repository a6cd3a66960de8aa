import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaMonth, type IndexKey } from '@dangjian/shared';
import { explainIndex, getBranchIndexes } from '@/api/indexes';
import { Segmented } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { safeDecode } from '@/utils/qr';
import { Explanation } from '../../parts/Explanation';
import { MonthSwitch } from '../../parts/MonthSwitch';
import { barWidth, deltaText, scoreText, SHORT_LABEL, SORT_OPTIONS } from '../../parts/shape';
import { TrendTable } from '../../parts/TrendTable';
import '../../parts/indexes.scss';

const INDEX_OPTIONS = SORT_OPTIONS.filter((o): o is { value: IndexKey; label: string } => o.value !== 'overall');

/** K5 for one branch (its secretary, or the committee from the ranking): five scores, why one changed, twelve months of trend. */
export default function IndexBranchPage() {
  const { params } = useRouter();
  const { me, org } = useOrgChoice('index.read');
  const current = chinaMonth();
  const [month, setMonth] = useState(safeDecode(params.month) || current);
  const [index, setIndex] = useState<IndexKey>('vitality');
  const q = useQuery(org ? JSON.stringify([org.orgId, month]) : null, () => getBranchIndexes(org?.orgId ?? '', { month }));
  const why = useQuery(org ? JSON.stringify([org.orgId, month, index]) : null, () => explainIndex(org?.orgId ?? '', { month, index }));

  usePullDownRefresh(() => {
    void Promise.all([q.reload(), why.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' description='您当前的角色不能查看指数' /> : <Loading />}</View>;
  }
  const data = q.data;

  return (
    <View className='page idx'>
      <View className='idx__toolbar'>
        <View className='idx__org-line'>
          <Text className='idx__org'>{data?.orgName ?? org.orgName}</Text>
          <MonthSwitch month={month} max={current} onChange={setMonth} />
        </View>
      </View>
      <StateView loading={q.loading} error={q.error} ready={!!data && !(q.loading && !data)} onRetry={() => void q.reload()}>
        {data ? (
          <View className='idx__layout'>
            <View className='idx__main'>
              <View className='idx__card idx-scores'>
                {data.scores.map((s) => (
                  <View
                    key={s.indexKey}
                    className={`idx-scores__item ${s.indexKey === index ? 'idx-scores__item--on' : ''}`}
                    onClick={() => setIndex(s.indexKey)}
                  >
                    <View className='idx-scores__line'>
                      <Text className='idx-scores__label'>{s.label}</Text>
                      <Text className='idx-scores__value'>{scoreText(s.score)}</Text>
                    </View>
                    <View className='idx-bar'>
                      <View className='idx-bar__fill' style={{ width: barWidth(s.score) }} />
                    </View>
                    <Text className='idx__muted'>
                      {s.delta !== null ? `比上月 ${deltaText(s.delta)}` : '上月无得分'}
                      {s.rank ? ` · 党委内第 ${s.rank}/${s.of} 名` : ''}
                      {s.version ? ` · 口径第${s.version}版` : ''}
                    </Text>
                  </View>
                ))}
              </View>
              <Text className='idx__section'>十二个月走势</Text>
              <View className='idx__card'>
                <TrendTable trend={data.trend} />
              </View>
            </View>
            <View className='idx__side'>
              <Text className='idx__section'>得分构成与变化原因</Text>
              <View className='idx__tabs'>
                <Segmented options={INDEX_OPTIONS} value={index} onChange={setIndex} />
              </View>
              <StateView loading={why.loading} error={why.error} ready={!!why.data} onRetry={() => void why.reload()}>
                {why.data ? <Explanation x={why.data} /> : null}
              </StateView>
              <Text className='idx__foot idx__muted'>选中的是{SHORT_LABEL[index]}指数；点上方任一指数切换。</Text>
            </View>
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
