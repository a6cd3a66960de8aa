import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getQa } from '@/api/knowledge';
import { Card } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import { articleUrl } from '../../routes';
import '../../knowledge.scss';

/** One question, its answer and the articles it cites. */
export default function KnowledgeQaPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const q = useQuery(id ? `knowledge-qa-${id}` : null, () => getQa(id!));
  const x = q.data;

  return (
    <View className='page knowledge'>
      <StateView loading={q.loading && !x} error={q.error} ready={Boolean(x)} onRetry={() => void q.reload()}>
        {x ? (
          <Card>
            <Text className='knowledge__title'>{x.question}</Text>
            <Text className='knowledge__sub'>{`${x.orgName} · ${formatDateTime(x.updatedAt)}`}</Text>
            <View className='knowledge__answer'>
              <Text className='knowledge__text'>{x.answer}</Text>
            </View>
            {x.related.map((r) => (
              <Text key={r.id} className='knowledge__link' onClick={() => void Taro.navigateTo({ url: articleUrl(r.id) })}>
                {`${r.label} ›`}
              </Text>
            ))}
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
