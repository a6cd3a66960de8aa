import { Text, View } from '@tarojs/components';
import { formatDateTime } from '@/utils/format';
import type { TimelineItem } from '../timeline';
import '../transfer.scss';

/** The steps of a transfer down a line: who acted, when and why; the next step hollow. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  return (
    <View className='transfer-timeline'>
      {items.map((item) => (
        <View key={item.key} className={`transfer-timeline__item transfer-timeline__item--${item.tone}`}>
          <View className={`transfer-timeline__dot transfer-timeline__dot--${item.tone}`} />
          <Text className='transfer-timeline__title'>{item.title}</Text>
          {item.at ? (
            <Text className='transfer-timeline__meta'>
              {item.who} · {formatDateTime(item.at)}
            </Text>
          ) : null}
          {item.due ? (
            <Text className={`transfer-timeline__meta ${item.overdue ? 'transfer-timeline__due--overdue' : ''}`}>
              {item.due}
              {item.overdue ? '（已逾期）' : ''}
            </Text>
          ) : null}
          {item.reason ? <Text className='transfer-timeline__reason'>{item.reason}</Text> : null}
        </View>
      ))}
    </View>
  );
}
