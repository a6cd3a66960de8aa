import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { NEWS_STATE_LABEL, type NewsSummary } from '@dangjian/shared';
import { serverUrl } from '@/api/links';
import { listNews } from '@/api/news';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { formatDateTime } from '@/utils/format';
import '../../news.scss';

type Box = 'feed' | 'mine' | 'review';
const BOX_LABEL: Record<Box, string> = { feed: '最新动态', mine: '本组织撰写', review: '待我审核' };

/** 党建动态: published news of my branch and committees; for secretaries what they wrote; for committees what waits for review. */
export default function NewsListPage() {
  const { me } = useMe();
  const canWrite = me ? grantsWith(me, 'notice.publish').length > 0 : false;
  const [box, setBox] = useState<Box>('feed');
  const list = usePagedList<NewsSummary>(`news-${box}`, (page, pageSize) => listNews({ page, pageSize, box }));
  useListPageEvents(list, { refreshOnShow: true });

  return (
    <View className='page news'>
      {canWrite ? (
        <>
          <View className='news__tabs'>
            {(['feed', 'mine', 'review'] as const).map((b) => (
              <Text key={b} className={`news__tab ${box === b ? 'news__tab--on' : ''}`} onClick={() => setBox(b)}>
                {BOX_LABEL[b]}
              </Text>
            ))}
          </View>
          <View className='news__actions'>
            <DjButton onClick={() => void Taro.navigateTo({ url: '/packages/news/pages/edit/index' })}>写动态</DjButton>
          </View>
        </>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && !list.items.length}
        emptyTitle={box === 'review' ? '暂无待审核的动态' : '暂无动态'}
        onRetry={() => void list.refresh()}
      >
        {list.items.map((n) => (
          <View key={n.id} className='news__row' data-news={n.id} onClick={() => void Taro.navigateTo({ url: `/packages/news/pages/detail/index?id=${n.id}` })}>
            <View className='news__row-text'>
              <Text className='news__title'>{n.title}</Text>
              {n.state !== 'published' ? (
                <View className='news__tags'>
                  <Tag tone={n.state === 'returned' ? 'warning' : 'neutral'}>{NEWS_STATE_LABEL[n.state]}</Tag>
                </View>
              ) : null}
              <Text className='news__sub'>{`${n.orgName} · ${formatDateTime(n.publishedAt ?? n.updatedAt)}`}</Text>
              {n.state === 'published' ? <Text className='news__sub'>{`赞 ${n.likeCount}`}</Text> : null}
            </View>
            {n.coverUrl ? <Image className='news__thumb' src={serverUrl(n.coverUrl)} mode='aspectFill' /> : null}
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
