import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaMonth, type IndexKey } from '@dangjian/shared';
import { getIndexDefinitions, getIndexMetrics } from '@/api/indexes';
import { Notice } from '@/components/Card';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { DefinitionCard } from '../../parts/DefinitionCard';
import { DefinitionEditor } from '../../parts/DefinitionEditor';
import '../../parts/indexes.scss';

/** K5 definitions of a committee: the version in force for each index, earlier versions, and (committee workers) publishing a new one. */
export default function IndexDefinitionsPage() {
  const { me, org } = useOrgChoice('index.read');
  const month = chinaMonth();
  const [editing, setEditing] = useState<IndexKey | null>(null);
  const q = useQuery(org ? org.orgId : null, () => getIndexDefinitions(org?.orgId ?? ''));
  const metrics = useQuery(q.data?.canEdit ? 'metrics' : null, getIndexMetrics);

  usePullDownRefresh(() => {
    void q.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!org) {
    return <View className='page'>{me ? <EmptyState title='没有可查看的组织' /> : <Loading />}</View>;
  }
  const data = q.data;

  return (
    <View className='page idx'>
      <View className='idx__toolbar'>
        <View className='idx__org-line'>
          <Text className='idx__org'>{org.orgName}</Text>
          <Text className='idx__muted'>指数口径</Text>
        </View>
      </View>
      <View className='idx__notice'>
        <Notice tone='info'>
          五个指数没有全国统一的计算公式（创承汇做法）。平台给出默认口径，党委可按本地实际发布新版本：每个指标先按“零分值—满分值”折算为 0–1，再按权重加权，乘以
          100。
        </Notice>
      </View>
      <StateView loading={q.loading} error={q.error} ready={!!data && !(q.loading && !data)} onRetry={() => void q.reload()}>
        {data ? (
          <View className='idx-defs'>
            {data.current.map((d) => (
              <DefinitionCard key={d.id} d={d}>
                {data.canEdit && editing !== d.indexKey ? (
                  <Text className='idx__link idx-def__edit' onClick={() => setEditing(d.indexKey)}>
                    调整口径（发布新版本）
                  </Text>
                ) : null}
                {editing === d.indexKey && metrics.data ? (
                  <DefinitionEditor
                    committeeId={org.orgId}
                    current={d}
                    metrics={metrics.data.items}
                    month={month}
                    onCancel={() => setEditing(null)}
                    onDone={() => {
                      setEditing(null);
                      void q.reload();
                    }}
                  />
                ) : null}
              </DefinitionCard>
            ))}
            {data.history.length ? <Text className='idx__section'>其他版本</Text> : null}
            {data.history.map((d) => (
              <DefinitionCard key={d.id} d={d} />
            ))}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}
