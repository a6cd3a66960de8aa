import { Text, View } from '@tarojs/components';
import { getLiveRota } from '@/api/live';
import { Card, Tag } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import '../../live.scss';

/** The 红色主播 rota of my organisation: members take turns; the next class without a named host goes to the one marked 下一位. */
export default function LiveRotaPage() {
  const q = useQuery('live-rota', () => getLiveRota());
  const r = q.data;
  return (
    <View className='page live'>
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(r)}
        empty={Boolean(r) && !r!.members.length}
        emptyTitle='尚未排定轮值表'
        onRetry={() => void q.reload()}
      >
        {r ? (
          <Card title='红色主播轮值表'>
            {r.members.map((m, i) => (
              <View key={m.memberId} className='live__rota' data-host={m.name}>
                <Text className='live__no'>{i + 1}</Text>
                <Text className='live__name'>{m.name}</Text>
                <Text className='live__sub'>{`已主播 ${m.hostedCount} 次`}</Text>
                {m.memberId === r.nextMemberId ? <Tag tone='primary'>下一位</Tag> : null}
              </View>
            ))}
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
