import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { OrgSwitch } from '@/components/OrgSwitch';
import type { OrgChoice } from '@/hooks/useOrgChoice';
import { useMe } from '@/store/me';
import { consoleNav, type ConsoleNavEntry } from '../nav';
import './ConsoleLayout.scss';

type Props = {
  /** The nav entry of this page (highlighted). */
  active: string;
  title: string;
  org?: { current: OrgChoice; grants: OrgChoice[]; pick: (o: OrgChoice) => void } | null;
  actions?: ReactNode;
  children: ReactNode;
};

/** Console pages replace each other (the side navigation is the way around, not the back button); tab pages switch. */
function go(e: ConsoleNavEntry) {
  if (e.tab) void Taro.switchTab({ url: e.url });
  else if (e.url.startsWith('/packages/console/')) void Taro.redirectTo({ url: e.url });
  else void Taro.navigateTo({ url: e.url });
}

/**
 * The desktop console's frame (≥1024 px): side navigation from CONSOLE_NAV on the left, the page's
 * title, organisation and actions on top. On a narrower window the navigation becomes a scrolling row.
 */
export function ConsoleLayout({ active, title, org, actions, children }: Props) {
  const { me } = useMe();
  const groups = me ? consoleNav(me) : [];
  return (
    <View className='console'>
      <View className='console__nav' role='navigation' aria-label='工作台导航'>
        <Text className='console__brand'>智慧党建工作台</Text>
        {groups.map((g) => (
          <View key={g.key} className='console__group'>
            <Text className='console__group-title'>{g.title}</Text>
            {g.entries.map((e) => (
              <Text key={e.key} className={`console__link${e.key === active ? ' console__link--active' : ''}`} onClick={() => go(e)} data-nav={e.key}>
                {e.title}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <View className='console__main'>
        <View className='console__head'>
          <View className='console__titles'>
            <Text className='console__title'>{title}</Text>
            {org ? (
              <OrgSwitch orgName={org.current.orgName} grants={org.grants} onPick={org.pick} className='console__org' switchClassName='console__org--switch' />
            ) : null}
          </View>
          {actions ? <View className='console__actions'>{actions}</View> : null}
        </View>
        {children}
      </View>
    </View>
  );
}
