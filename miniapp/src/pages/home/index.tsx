import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Me } from '@dangjian/shared';
import { ROLE_LABEL } from '@dangjian/shared';
import { getUnreadCount } from '@/api/notifications';
import { getHome } from '@/api/todos';
import { Notice } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { greeting } from '@/utils/format';
import { homeEntries, type HomeEntry } from './entries';
import { Banners, TodaySections } from './HomeToday';
import './index.scss';

const open = (entry: HomeEntry) => {
  if (entry.tab) void Taro.switchTab({ url: entry.url });
  else void Taro.navigateTo({ url: entry.url });
};

/** The to-do count on the 首页 tab (weapp and H5); a platform without badges just shows none. */
function showTodoBadge(count: number) {
  try {
    if (count > 0) void Taro.setTabBarBadge({ index: 0, text: count > 99 ? '99+' : String(count) }).catch(() => undefined);
    else void Taro.removeTabBarBadge({ index: 0 }).catch(() => undefined);
  } catch {
    // no tab bar (a page opened on its own)
  }
}

const orgLine = (me: Me) => me.orgName ?? me.roles[0]?.orgName ?? '';

export default function HomePage() {
  const { me, loading, error, reload } = useMe();
  // The unread badge on 消息; a failure only hides it.
  const unread = useQuery(me ? 'unread' : null, getUnreadCount);
  // Banners, today's items, notices and the to-do count; a failure leaves the module entries.
  const home = useQuery(me ? 'home' : null, getHome);

  usePullDownRefresh(() => {
    void Promise.all([reload(), unread.reload(), home.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  useDidShow(() => {
    if (unread.data) void unread.reload();
    if (home.data) void home.reload();
  });
  useEffect(() => showTodoBadge(home.data?.todoCount ?? 0), [home.data?.todoCount]);
  const unreadCount = unread.data?.unread ?? 0;

  const roleLabels = me ? [...new Set(me.roles.map((g) => ROLE_LABEL[g.role]))] : [];

  return (
    <View className='page home'>
      <View className='home__hero'>
        <Text className='home__greeting'>
          {greeting()}
          {me ? `，${me.displayName}` : ''}
        </Text>
        {me ? <Text className='home__org'>{orgLine(me)}</Text> : null}
        {roleLabels.length ? (
          <View className='home__roles'>
            {roleLabels.map((label) => (
              <Text key={label} className='home__role'>
                {label}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <View className='home__body'>
        <StateView loading={loading} error={error} ready={me !== null} onRetry={() => void reload()}>
          {me?.isDemo ? <Notice tone='info'>当前为演示环境，页面中的人员和组织均为虚构数据。</Notice> : null}
          {home.data ? <Banners banners={home.data.banners} /> : null}
          {home.data && me ? <TodaySections summary={home.data} me={me} /> : null}
          <Text className='section-title'>常用功能</Text>
          <View className='home__tiles'>
            {me
              ? homeEntries(me).map((entry) => (
                  <View
                    key={entry.key}
                    className={`home__tile${entry.desktopOnly ? ' home__tile--desktop' : ''}`}
                    data-entry={entry.key}
                    onClick={() => open(entry)}
                  >
                    <View className={`home__glyph home__glyph--${entry.key}`}>
                      {entry.glyph}
                      {entry.key === 'inbox' && unreadCount > 0 ? <Text className='home__badge'>{unreadCount > 99 ? '99+' : unreadCount}</Text> : null}
                    </View>
                    <Text className='home__tile-title'>{entry.title}</Text>
                    <Text className='home__tile-desc'>{entry.description}</Text>
                  </View>
                ))
              : null}
          </View>
        </StateView>
      </View>
    </View>
  );
}
