import { Text, View } from '@tarojs/components';
import type { IndexExplanation } from '@dangjian/shared';
import { deltaText } from './shape';

const num = (v: number | null, unit: string) => (v === null ? '—' : `${Number.isInteger(v) ? v : v.toFixed(1)}${unit === '%' ? '%' : ''}`);

/** "Why did this score change": the sentence, the formula it was computed with, and each metric's value and contribution against last month. */
export function Explanation({ x }: { x: IndexExplanation }) {
  const d = x.definition;
  return (
    <View className='idx__card idx-why'>
      <Text className='idx-why__summary'>{x.summary}</Text>
      {d ? (
        <>
          <View className='idx-why__formula'>
            <Text>{d.formula}</Text>
            <Text className='idx__muted'>
              {d.isDefault ? `平台默认口径 第${d.version}版` : `${d.committeeName ?? ''}口径 第${d.version}版 · ${d.effectiveMonth} 起`}
            </Text>
          </View>
          <View className='idx-table'>
            <View className='idx-table__row idx-table__row--head'>
              <Text className='idx-table__metric'>指标</Text>
              <Text className='idx-table__cell'>本月</Text>
              <Text className='idx-table__cell'>上月</Text>
              <Text className='idx-table__cell'>得分</Text>
              <Text className='idx-table__cell'>变化</Text>
            </View>
            {x.changes.map((c) => (
              <View key={c.metric} className='idx-table__row'>
                <Text className='idx-table__metric'>
                  {c.label}
                  {c.unit && c.unit !== '%' ? `（${c.unit}）` : ''}
                </Text>
                <Text className='idx-table__cell'>{num(c.value, c.unit)}</Text>
                <Text className='idx-table__cell'>{num(c.previousValue, c.unit)}</Text>
                <Text className='idx-table__cell'>{c.contribution.toFixed(1)}</Text>
                <Text className={`idx-table__cell ${(c.contributionDelta ?? 0) < 0 ? 'idx-down' : (c.contributionDelta ?? 0) > 0 ? 'idx-up' : ''}`}>
                  {deltaText(c.contributionDelta) || '—'}
                </Text>
              </View>
            ))}
          </View>
          <View className='idx-why__terms'>
            {d.terms.map((t) => (
              <View key={t.metric} className='idx-why__term'>
                <Text className='idx-why__term-name'>
                  {t.label} · 占 {t.sharePercent}%
                </Text>
                <Text className='idx__muted'>
                  {t.description}；{t.rangeText}
                </Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}
