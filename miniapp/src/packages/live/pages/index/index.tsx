import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LIVE_STREAM_KIND_LABEL } from '@dangjian/shared';
import { listLiveClasses } from '@/api/live';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { liveOrgOptions } from '../../manage-orgs';
import { formatMeetingTime } from '@/utils/format';
import { PHASE_LABEL, PHASE_TONE } from '../../phase';
import '../../live.scss';

/** 红色直播间: the classes of my organisation and those above it, newest first. */
export default function LiveListPage() {
  const q = useQuery('live-classes', listLiveClasses);
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  useDidShow(() => void q.reload());
  const { me } = useMe();
  const items = q.data?.items ?? [];
  return (
    <View className='page live'>
      <View className='live__row live__actions'>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: '/packages/live/pages/rota/index' })}>
          红色主播轮值表
        </DjButton>
        {liveOrgOptions(me).length ? <DjButton onClick={() => void Taro.navigateTo({ url: '/packages/live/pages/new/index' })}>安排直播课</DjButton> : null}
      </View>
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(q.data)}
        empty={Boolean(q.data) && !items.length}
        emptyTitle='暂无直播课'
        onRetry={() => void q.reload()}
      >
        {items.map((c) => (
          <View
            key={c.id}
            className='live__row'
            data-class={c.topic}
            onClick={() => void Taro.navigateTo({ url: `/packages/live/pages/room/index?id=${c.id}` })}
          >
            <Text className='live__title'>{c.topic}</Text>
            <Text className='live__sub'>{`${formatMeetingTime(c.startsAt, c.endsAt)} · 主播 ${c.host.name}`}</Text>
            <View className='live__tags'>
              <Tag tone={PHASE_TONE[c.phase]}>{PHASE_LABEL[c.phase]}</Tag>
              <Tag tone='neutral'>{LIVE_STREAM_KIND_LABEL[c.streamKind]}</Tag>
              {c.recordingLessonId && c.phase === 'ended' ? <Tag tone='gold'>可看回放</Tag> : null}
            </View>
          </View>
        ))}
      </StateView>
    </View>
  );
}
