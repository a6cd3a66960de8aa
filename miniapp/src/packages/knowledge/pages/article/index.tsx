import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getArticle } from '@/api/knowledge';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { collectionUrl } from '../../routes';
import '../../knowledge.scss';

/** One article (a search hit or a Q&A's citation), with the way to its whole regulation. */
export default function KnowledgeArticlePage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const q = useQuery(id ? `knowledge-article-${id}` : null, () => getArticle(id!));
  const a = q.data;

  return (
    <View className='page knowledge'>
      <StateView loading={q.loading && !a} error={q.error} ready={Boolean(a)} onRetry={() => void q.reload()}>
        {a ? (
          <>
            <Text className='knowledge__chapter'>{a.collectionName}</Text>
            {a.chapterNumber || a.chapterTitle ? <Text className='knowledge__hint'>{`${a.chapterNumber} ${a.chapterTitle}`.trim()}</Text> : null}
            <View className='knowledge__article'>
              <Text className='knowledge__text'>
                <Text className='knowledge__number'>{a.number}</Text>
                {a.text}
              </Text>
              <Text className='knowledge__link' onClick={() => void Taro.navigateTo({ url: collectionUrl(a.collectionId) })}>
                {`阅读《${a.collectionShortName}》全文 ›`}
              </Text>
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
