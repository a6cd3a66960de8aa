import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Notification } from '@dangjian/shared';
import { listNotifications, markRead } from '@/api/notifications';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { formatDateTime } from '@/utils/format';
import '../../transfer.scss';

/** 消息: what the person must act on (transfer steps for now), newest first; opening one marks it read. */
export default function InboxPage() {
  const list = usePagedList<Notification>('inbox', (page, pageSize) => listNotifications({ page, pageSize }));
  const unread = list.items.filter((n) => !n.readAt).length;

  useListPageEvents(list, { refreshOnShow: true });

  const open = async (n: Notification) => {
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
    if (n.link) void Taro.navigateTo({ url: n.link });
    else void list.refresh();
  };

  return (
    <View className='page transfer-inbox'>
      {unread ? (
        <View className='transfer-links transfer-inbox__bar'>
          <Text className='transfer-links__item' onClick={() => void markRead({ all: true }).then(() => list.refresh())}>
            全部标为已读
          </Text>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && !list.items.length}
        emptyTitle='暂无消息'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((n) => (
          <View key={n.id} className={`transfer-row transfer-inbox__item ${n.readAt ? '' : 'transfer-inbox__item--unread'}`} onClick={() => void open(n)}>
            <View className='transfer-row__head'>
              {n.readAt ? null : <View className='transfer-inbox__dot' />}
              <Text className='transfer-row__name'>{n.title}</Text>
            </View>
            <Text className='transfer-inbox__body'>{n.body}</Text>
            <Text className='transfer-row__sub'>{formatDateTime(n.createdAt)}</Text>
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
