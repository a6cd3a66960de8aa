import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ElectionSummary, MotionSummary } from '@dangjian/shared';
import { ELECTION_STATE_LABEL, MOTION_KIND_LABEL, MOTION_STATE_LABEL, ballotTokenFromScan } from '@dangjian/shared';
import { listElections, listMotions } from '@/api/vote';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { scanQrCode } from '@/platform/scan';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { formatDate } from '@/utils/format';
import { OpenVotes } from '../../OpenVotes';
import { ballotPageUrl, createPageUrl, electionPageUrl, motionPageUrl, receiptPageUrl } from '../../routes';
import './index.scss';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** Scans the ballot QR on the meeting screen and opens the ballot. */
export async function scanToVote(): Promise<void> {
  let text: string | null;
  try {
    text = await scanQrCode();
  } catch (e) {
    toast(e instanceof Error ? e.message : '无法打开扫码');
    return;
  }
  if (text === null) return;
  const token = ballotTokenFromScan(text);
  if (!token) {
    toast('这不是投票二维码');
    return;
  }
  void Taro.navigateTo({ url: ballotPageUrl(token) });
}

type Lists = { elections: ElectionSummary[]; motions: MotionSummary[] };

/** 投票表决: members scan and check receipts; secretaries set up and run elections and motions. */
export default function VoteHomePage() {
  const { me } = useMe();
  const [grant] = me ? grantsWith(me, 'election.manage') : [];
  const lists = useQuery<Lists>(grant ? grant.orgId : null, async () => {
    const q = { orgId: grant?.orgId, pageSize: 50 };
    const [e, m] = await Promise.all([listElections(q), listMotions(q)]);
    return { elections: e.items, motions: m.items };
  });
  usePullDownRefresh(() => void lists.reload().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className='page vote-home'>
      <View className='vote-home__actions'>
        <DjButton onClick={() => void scanToVote()}>扫码投票</DjButton>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: receiptPageUrl() })}>
          我的投票回执
        </DjButton>
      </View>
      {me?.memberId ? <OpenVotes onScan={() => void scanToVote()} /> : null}
      {grant ? (
        <>
          <View className='vote-home__manage'>
            <Text className='section-title'>{grant.orgName} · 选举与表决</Text>
            <View className='vote-home__new'>
              <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: createPageUrl('election', grant.orgId) })}>
                新建选举
              </DjButton>
              <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: createPageUrl('motion', grant.orgId) })}>
                新建表决
              </DjButton>
            </View>
          </View>
          <StateView
            loading={lists.loading}
            error={lists.error}
            ready={!!lists.data}
            empty={!!lists.data && lists.data.elections.length + lists.data.motions.length === 0}
            emptyTitle='还没有选举或表决'
            onRetry={() => void lists.reload()}
          >
            {lists.data?.elections.map((e) => (
              <Card key={e.id} className='vote-row' title={e.title} extra={<Tag tone='primary'>{ELECTION_STATE_LABEL[e.state]}</Tag>}>
                <View className='vote-row__body' data-election={e.id} onClick={() => void Taro.navigateTo({ url: electionPageUrl(e.id) })}>
                  <Text className='vote-row__line'>
                    {e.meetingTitle} · 应选 {e.seats} 名 · 候选人 {e.candidateCount} 人
                  </Text>
                  <Text className='vote-row__line'>创建于 {formatDate(e.createdAt)}</Text>
                </View>
              </Card>
            ))}
            {lists.data?.motions.map((m) => (
              <Card key={m.id} className='vote-row' title={m.title} extra={<Tag tone='primary'>{MOTION_STATE_LABEL[m.state]}</Tag>}>
                <View className='vote-row__body' data-motion={m.id} onClick={() => void Taro.navigateTo({ url: motionPageUrl(m.id) })}>
                  <Text className='vote-row__line'>
                    {MOTION_KIND_LABEL[m.kind]} · {m.meetingTitle}
                  </Text>
                  {m.passed !== null ? <Text className='vote-row__line'>{m.passed ? '已通过' : '未通过'}</Text> : null}
                </View>
              </Card>
            ))}
          </StateView>
        </>
      ) : null}
    </View>
  );
}
