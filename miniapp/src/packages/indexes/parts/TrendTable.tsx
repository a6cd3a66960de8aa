import { ScrollView, Text, View } from '@tarojs/components';
import type { IndexBranchScores } from '@dangjian/shared';
import { scoreText, SHORT_LABEL } from './shape';

/** Twelve months of the five scores as a table, newest first so a phone shows the recent months (the console charts the same JSON). */
export function TrendTable({ trend }: { trend: IndexBranchScores['trend'] }) {
  const order = trend.months.map((_, i) => trend.months.length - 1 - i);
  return (
    <ScrollView scrollX className='idx-trend'>
      <View className='idx-trend__grid'>
        <View className='idx-trend__row'>
          <Text className='idx-trend__key'>月份</Text>
          {order.map((i) => (
            <Text key={trend.months[i]} className='idx-trend__cell idx__muted'>
              {trend.months[i]!.slice(2).replace('-', '.')}
            </Text>
          ))}
        </View>
        {trend.rows.map((r) => (
          <View key={r.indexKey} className='idx-trend__row'>
            <Text className='idx-trend__key'>{SHORT_LABEL[r.indexKey]}</Text>
            {order.map((i) => (
              <Text key={trend.months[i]} className='idx-trend__cell'>
                {scoreText(r.values[i])}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
