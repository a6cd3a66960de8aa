import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getCollection } from '@/api/knowledge';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import '../../knowledge.scss';

/** One regulation, chapter by chapter, every article in its wording. */
export default function KnowledgeCollectionPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const q = useQuery(id ? `knowledge-collection-${id}` : null, () => getCollection(id!));
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const c = q.data;
  if (c) void Taro.setNavigationBarTitle({ title: c.shortName });

  return (
    <View className='page knowledge'>
      <StateView loading={q.loading && !c} error={q.error} ready={Boolean(c)} onRetry={() => void q.reload()}>
        {c ? (
          <>
            <Text className='knowledge__chapter'>{c.name}</Text>
            <Text className='knowledge__hint'>{[c.issuedBy, `来源：${c.source}`].filter(Boolean).join(' · ')}</Text>
            {c.chapters.map((ch) => (
              <View key={ch.id}>
                {ch.number || ch.title ? <Text className='knowledge__chapter'>{`${ch.number} ${ch.title}`.trim()}</Text> : null}
                {ch.articles.map((a) => (
                  <View key={a.id} className='knowledge__article' id={`a-${a.id}`}>
                    <Text className='knowledge__text'>
                      <Text className='knowledge__number'>{a.number}</Text>
                      {a.text}
                    </Text>
                  </View>
                ))}
              </View>
            ))}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
