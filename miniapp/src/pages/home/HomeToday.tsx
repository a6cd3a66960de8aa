import Taro from '@tarojs/taro';
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import type { HomeSummary, Me, TodayKind } from '@dangjian/shared';
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

/**
 * The work of the organisations I manage: 本支部 only when that is my own branch (a committee worker has
 * none), otherwise the organisations by name.
 */
export function workTitle(me: Me): { title: string; scope: string | null } {
  const managed = me.roles.filter((g) => g.role !== 'member');
  const names = [...new Set(managed.map((g) => g.orgName))];
  if (me.orgId && managed.every((g) => g.orgId === me.orgId)) return { title: '本支部待办', scope: null };
  return { title: '工作待办', scope: names.join('、') };
}

/**
 * My organisations' open work first, then today's items for me, then the latest notices and news. Each to-do item
 * is in one of the first two (the server splits them), so they add up to the to-do count; an empty
 * section says what it would hold.
 */
export function TodaySections({ summary, me }: { summary: HomeSummary; me: Me }) {
  const work = summary.secretaryWork;
  const manages = me.roles.some((g) => g.role !== 'member');
  const head = workTitle(me);
  const todos = () => go('/packages/todos/pages/index/index');
  // Someone without a member record has no meetings, fees or courses of their own: the section would always be empty.
  const showToday = me.memberId !== null || summary.today.length > 0;
  return (
    <>
      {manages || work.length ? (
        <View className='home__card' data-section='work'>
          <View className='home__card-head' onClick={todos}>
            <Text className='section-title'>{head.title}</Text>
            <Text className='home__more'>{summary.todoCount ? `待办 ${summary.todoCount} ›` : '待办 ›'}</Text>
          </View>
          {head.scope ? <Text className='home__scope'>{head.scope}</Text> : null}
          {work.length ? (
            <View className='home__work'>
              {work.map((w) => (
                <View key={w.source} className='home__work-item' onClick={todos}>
                  <Text className='home__work-num'>{w.count}</Text>
                  <Text className='home__work-label'>{w.label}</Text>
                </View>
              ))}
            </View>
          ) : (
            <Text className='home__empty'>没有等待您办理的审批、转接或提醒</Text>
          )}
        </View>
      ) : null}
      {showToday ? (
        <View className='home__card' data-section='today'>
          <View className='home__card-head' onClick={todos}>
            <Text className='section-title'>今日事项</Text>
            {manages ? null : <Text className='home__more'>{summary.todoCount ? `待办 ${summary.todoCount} ›` : '待办 ›'}</Text>}
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
            <Text className='home__empty'>今天没有您要参加的会议、待缴的党费或到期的学习和通知</Text>
          )}
        </View>
      ) : null}
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
