import { Text, View } from '@tarojs/components';
import { listElections, listMotions } from '@/api/vote';
import { listMyMeetings } from '@/api/meetings';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { EmptyState, Loading } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';

type OpenVote = { key: string; kind: '选举' | '表决'; title: string; meetingTitle: string };

/**
 * The votes open to me now: elections and motions in voting at my meetings that are under way. The
 * ballot itself opens only from the QR on the meeting's screen (a secret ballot for those present), so
 * each row says where to scan.
 */
async function loadOpenVotes(): Promise<OpenVote[]> {
  const meetings = await listMyMeetings({ upcoming: true, pageSize: 20 });
  const now = meetings.items.filter((m) => m.status === 'in_progress');
  const lists = await Promise.all(
    now.map(async (m) => {
      const [e, v] = await Promise.all([listElections({ meetingId: m.id, pageSize: 20 }), listMotions({ meetingId: m.id, pageSize: 20 })]);
      return [
        ...e.items.filter((x) => x.state === 'voting_open').map((x) => ({ key: x.id, kind: '选举' as const, title: x.title, meetingTitle: m.title })),
        ...v.items.filter((x) => x.state === 'voting_open').map((x) => ({ key: x.id, kind: '表决' as const, title: x.title, meetingTitle: m.title })),
      ];
    }),
  );
  return lists.flat();
}

export function OpenVotes({ onScan }: { onScan: () => void }) {
  const q = useQuery('open-votes', loadOpenVotes);
  return (
    <Card title='正在进行的投票'>
      {q.loading && !q.data ? <Loading /> : null}
      {q.data && q.data.length === 0 ? <EmptyState title='现在没有进行中的投票' description='开会投票时，扫描会场大屏上的投票二维码即可投票' /> : null}
      {q.data?.map((v) => (
        <View key={v.key} className='vote-open' data-open-vote={v.key}>
          <View className='vote-open__main'>
            <View className='vote-open__head'>
              <Tag tone='primary'>{v.kind}</Tag>
              <Text className='vote-open__title'>{v.title}</Text>
            </View>
            <Text className='vote-open__sub'>{`${v.meetingTitle} · 请扫描会场大屏上的二维码`}</Text>
          </View>
          <DjButton className='vote-open__scan' variant='secondary' onClick={onScan}>
            扫码
          </DjButton>
        </View>
      ))}
    </Card>
  );
}
