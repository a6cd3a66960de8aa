import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

type Item = { key: string; title: string; url: string; memberOnly: boolean };

/** 我的: where a person's own records are, one tap each (the page used to be a static profile). */
const ITEMS: readonly Item[] = [
  { key: 'corrections', title: '档案更正', url: '/packages/admin/pages/corrections/index', memberOnly: true },
  { key: 'fees', title: '我的党费', url: '/packages/fees/pages/index/index', memberOnly: true },
  { key: 'fee-receipts', title: '缴费收据', url: '/packages/fees/pages/receipts/index', memberOnly: true },
  { key: 'attendance', title: '出勤记录', url: '/packages/checkin/pages/history/index', memberOnly: true },
  { key: 'points', title: '学习积分', url: '/packages/study/pages/points/index', memberOnly: true },
  { key: 'vote-receipts', title: '投票回执', url: '/packages/vote/pages/receipt/index', memberOnly: true },
  { key: 'transfer', title: '组织关系转接', url: '/packages/transfer/pages/index/index', memberOnly: true },
  { key: 'inbox', title: '消息', url: '/packages/transfer/pages/inbox/index', memberOnly: false },
];

export function MineMenu({ isMember, profileOpen, onProfile }: { isMember: boolean; profileOpen: boolean; onProfile: () => void }) {
  const items = ITEMS.filter((i) => isMember || !i.memberOnly);
  return (
    <View className='mine-menu'>
      {isMember ? (
        <View className='mine-menu__row' data-menu='profile' onClick={onProfile}>
          <Text className='mine-menu__title'>我的档案</Text>
          <Text className='mine-menu__arrow'>{profileOpen ? '收起' : '查看'} ›</Text>
        </View>
      ) : null}
      {items.map((i) => (
        <View key={i.key} className='mine-menu__row' data-menu={i.key} onClick={() => void Taro.navigateTo({ url: i.url })}>
          <Text className='mine-menu__title'>{i.title}</Text>
          <Text className='mine-menu__arrow'>›</Text>
        </View>
      ))}
    </View>
  );
}
