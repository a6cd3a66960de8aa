import Taro from '@tarojs/taro';
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import type { HomeSummary, TodayKind } from '@dangjian/shared';
import { serverUrl } from '@/api/links';
import { Tag } from '@/components/Card';
import { formatDateTime } from '@/utils/format';

const go = (url: string) => void Taro.navigateTo({ url });
const KIND_LABEL: Record<TodayKind, string> = { meeting: '会议', vote: '投票', fee: '党费', course: '学习', notice: '通知' };

/** The committee's banner carousel (hidden when none is set). */
export function Banners({ banners }: { banners: HomeSummary['banners'] }) {
  if (!banners.length) return null;
  return (
    <Swiper className='home__banners' autoplay circular indicatorDots={banners.length > 1} interval={5000}>
      {banners.map((b) => (
        <SwiperItem key={b.id} data-banner={b.title} onClick={() => (b.link ? go(b.link) : undefined)}>
          <Image className='home__banner-img' src={serverUrl(b.imageUrl)} mode='aspectFill' />
          <Text className='home__banner-title'>{b.title}</Text>
        </SwiperItem>
      ))}
    </Swiper>
  );
}

/** Secretaries' open work first, then today's items for me, then the latest notices and news. */
export function TodaySections({ summary }: { summary: HomeSummary }) {
  const work = summary.secretaryWork;
  return (
    <>
      {work.length ? (
        <View className='home__card' data-section='work'>
          <View className='home__card-head' onClick={() => go('/packages/todos/pages/index/index')}>
            <Text className='section-title'>本支部待办</Text>
            <Text className='home__more'>全部 ›</Text>
          </View>
          <View className='home__work'>
            {work.map((w) => (
              <View key={w.source} className='home__work-item' onClick={() => go('/packages/todos/pages/index/index')}>
                <Text className='home__work-num'>{w.count}</Text>
                <Text className='home__work-label'>{w.label}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className='home__card' data-section='today'>
        <View className='home__card-head' onClick={() => go('/packages/todos/pages/index/index')}>
          <Text className='section-title'>今日事项</Text>
          <Text className='home__more'>{summary.todoCount ? `待办 ${summary.todoCount} ›` : '待办 ›'}</Text>
        </View>
        {summary.today.length ? (
          summary.today.map((i) => (
            <View key={`${i.kind}-${i.id}`} className='home__item' data-today={i.kind} onClick={() => go(i.page)}>
              <Tag tone={i.kind === 'notice' || i.kind === 'vote' ? 'primary' : 'gold'}>{KIND_LABEL[i.kind]}</Tag>
              <View className='home__item-text'>
                <Text className='home__item-title'>{i.title}</Text>
                {i.detail ? <Text className='home__item-sub'>{i.detail}</Text> : null}
              </View>
            </View>
          ))
        ) : (
          <Text className='home__empty'>今天没有需要您处理的事项</Text>
        )}
      </View>
      <View className='home__card' data-section='notices'>
        <View className='home__card-head' onClick={() => go('/packages/notices/pages/list/index')}>
          <Text className='section-title'>通知公告</Text>
          <Text className='home__more'>更多 ›</Text>
        </View>
        {summary.notices.length ? (
          summary.notices.map((n) => (
            <View key={n.id} className='home__item' data-home-notice={n.title} onClick={() => go(`/packages/notices/pages/detail/index?id=${n.id}`)}>
              {n.readAt ? null : <View className='home__dot' />}
              <View className='home__item-text'>
                <Text className='home__item-title'>{n.title}</Text>
                <Text className='home__item-sub'>{`${n.orgName} · ${formatDateTime(n.publishedAt)}${n.requiresAck && !n.ackedAt ? ' · 需回执' : ''}`}</Text>
              </View>
            </View>
          ))
        ) : (
          <Text className='home__empty'>暂无通知</Text>
        )}
      </View>
      <View className='home__card' data-section='news'>
        <View className='home__card-head' onClick={() => go('/packages/news/pages/list/index')}>
          <Text className='section-title'>党建动态</Text>
          <Text className='home__more'>更多 ›</Text>
        </View>
        {summary.news.length ? (
          summary.news.map((n) => (
            <View key={n.id} className='home__item' data-home-news={n.title} onClick={() => go(`/packages/news/pages/detail/index?id=${n.id}`)}>
              {n.coverUrl ? <Image className='home__news-img' src={serverUrl(n.coverUrl)} mode='aspectFill' /> : null}
              <View className='home__item-text'>
                <Text className='home__item-title'>{n.title}</Text>
                <Text className='home__item-sub'>{`${n.orgName} · ${formatDateTime(n.publishedAt ?? n.updatedAt)} · 赞 ${n.likeCount}`}</Text>
              </View>
            </View>
          ))
        ) : (
          <Text className='home__empty'>暂无动态</Text>
        )}
      </View>
    </>
  );
}
