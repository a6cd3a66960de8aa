import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeSummary } from '@dangjian/shared';
import { listNotices } from '@/api/notices';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { formatDateTime } from '@/utils/format';
import '../../notices.scss';

/** 通知公告: my notices (pinned, unread first) and, for publishers, what their organisations published. */
export default function NoticeListPage() {
  const { me } = useMe();
  const canPublish = me ? grantsWith(me, 'notice.publish').length > 0 : false;
  const [box, setBox] = useState<'mine' | 'published'>('mine');
  const list = usePagedList<NoticeSummary>(`notices-${box}`, (page, pageSize) => listNotices({ page, pageSize, box }));
  useListPageEvents(list, { refreshOnShow: true });

  return (
    <View className='page notices'>
      {canPublish ? (
        <View className='notices__tabs'>
          {(['mine', 'published'] as const).map((b) => (
            <Text key={b} className={`notices__tab ${box === b ? 'notices__tab--on' : ''}`} onClick={() => setBox(b)}>
              {b === 'mine' ? '我收到的' : '本组织发布的'}
            </Text>
          ))}
        </View>
      ) : null}
      {canPublish ? (
        <View className='notices__actions'>
          <DjButton onClick={() => void Taro.navigateTo({ url: '/packages/notices/pages/publish/index' })}>发布通知</DjButton>
          <DjButton variant='plain' onClick={() => void Taro.navigateTo({ url: '/packages/notices/pages/banners/index' })}>
            首页轮播图
          </DjButton>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && !list.items.length}
        emptyTitle='暂无通知'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((n) => (
          <View
            key={n.id}
            className='notices__row'
            data-notice={n.id}
            onClick={() => void Taro.navigateTo({ url: `/packages/notices/pages/detail/index?id=${n.id}` })}
          >
            <View className='notices__row-head'>
              {box === 'mine' && !n.readAt ? <View className='notices__dot' /> : null}
              <Text className='notices__title'>{n.title}</Text>
            </View>
            <View className='notices__tags'>
              {n.pinned ? <Tag tone='primary'>置顶</Tag> : null}
              {n.requiresAck ? <Tag tone={n.ackedAt ? 'success' : 'warning'}>{n.ackedAt ? '已确认' : '需回执'}</Tag> : null}
              {n.withdrawn ? <Tag>已撤回</Tag> : null}
            </View>
            <Text className='notices__sub'>{`${n.orgName} · ${formatDateTime(n.publishedAt)}`}</Text>
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
