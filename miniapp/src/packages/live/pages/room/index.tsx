import { useRef } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Video, View } from '@tarojs/components';
import { hoursLabel } from '@dangjian/shared';
import { addLiveComment, approveLiveComment, deleteLiveComment, getLiveClass, listLiveComments } from '@/api/live';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { Comments } from '@/components/Comments';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { PHASE_LABEL, PHASE_TONE } from '../../phase';
import { useRoomHeartbeat } from '../../useRoomHeartbeat';
import { ClosePanel } from './ClosePanel';
import '../../live.scss';

/**
 * The room: the stream (HLS in the Video component: weapp natively, H5 through the hls.js bundled with
 * Taro's H5 Video) or the premiere from the common position, attendance credited by heartbeats (L2)
 * toward study hours (L1), and moderated comments.
 */
export default function LiveRoomPage() {
  const id = safeDecode(useRouter().params.id);
  const { me } = useMe();
  const q = useQuery(id ? `live-class-${id}` : null, () => getLiveClass(id));
  const c = q.data;
  const position = useRef(0);
  useRoomHeartbeat(c ? c.id : null, c?.phase === 'live', position, () => void q.reload());
  return (
    <View className='page live'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(c)} onRetry={() => void q.reload()}>
        {c ? (
          <>
            {c.playUrl ? (
              <Video
                className='live__player'
                src={c.playUrl}
                autoplay
                initialTime={c.premierePositionS ?? 0}
                isLive={c.streamKind === 'hls' && c.phase === 'live'}
                onTimeUpdate={(e) => (position.current = e.detail.currentTime)}
              />
            ) : (
              <View className='live__waiting'>{c.phase === 'upcoming' ? '直播尚未开始' : '直播已结束，回放见学习课程'}</View>
            )}
            <Card title={c.topic}>
              <View className='live__tags'>
                <Tag tone={PHASE_TONE[c.phase]}>{PHASE_LABEL[c.phase]}</Tag>
                {c.attended ? <Tag tone='success'>已计入学时</Tag> : null}
              </View>
              <InfoRow label='时间' value={formatMeetingTime(c.startsAt, c.endsAt)} />
              <InfoRow label='红色主播' value={c.host.name} />
              <InfoRow label='本场学习' value={`${hoursLabel(c.myCreditedS)}（满 ${Math.round(c.attendanceSeconds / 60)} 分钟计为出席）`} />
              {c.canManage ? <InfoRow label='出席人数' value={`${c.attendeeCount} 人`} /> : null}
              {c.summary ? <Text className='live__sub'>{c.summary}</Text> : null}
              {c.phase === 'live' ? <Notice tone='info'>保持本页打开即可累计学时；离开超过 10 分钟不计入</Notice> : null}
            </Card>
            {c.canManage && c.phase === 'ended' ? <ClosePanel c={c} onClosed={q.reload} /> : null}
            <Comments
              cacheKey={`live-comments-${c.id}`}
              canWrite={Boolean(me?.memberId)}
              api={{
                list: () => listLiveComments(c.id),
                add: (body) => addLiveComment(c.id, body),
                approve: (commentId) => approveLiveComment(c.id, commentId),
                remove: (commentId) => deleteLiveComment(c.id, commentId),
              }}
            />
          </>
        ) : null}
      </StateView>
    </View>
  );
}
