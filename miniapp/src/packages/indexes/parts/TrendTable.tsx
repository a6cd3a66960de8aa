import { ScrollView, Text, View } from '@tarojs/components';
import type { IndexBranchScores } from '@dangjian/shared';
import { scoreText, SHORT_LABEL } from './shape';

/** Twelve months of the five scores as a table (the console draws the chart from the same JSON). */
export function TrendTable({ trend }: { trend: IndexBranchScores['trend'] }) {
  return (
    <ScrollView scrollX className='idx-trend'>
      <View className='idx-trend__grid'>
        <View className='idx-trend__row'>
          <Text className='idx-trend__key'>月份</Text>
          {trend.months.map((m) => (
            <Text key={m} className='idx-trend__cell idx__muted'>
              {m.slice(2).replace('-', '.')}
            </Text>
          ))}
        </View>
        {trend.rows.map((r) => (
          <View key={r.indexKey} className='idx-trend__row'>
            <Text className='idx-trend__key'>{SHORT_LABEL[r.indexKey]}</Text>
            {r.values.map((v, i) => (
              <Text key={trend.months[i]} className='idx-trend__cell'>
                {scoreText(v)}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
