import { Text, View } from '@tarojs/components';
import type { IndexExplanation } from '@dangjian/shared';

const num = (v: number | null, unit = '') => (v === null ? '—' : `${Math.round(v * 10) / 10}${unit}`);
const signed = (v: number | null) => (v === null ? '' : v === 0 ? '持平' : `${v > 0 ? '+' : '−'}${Math.abs(Math.round(v * 10) / 10)}`);

/** One index of a branch explained (K5): the sentence, the formula it was computed with, each metric's value and points. */
export function Why({ x }: { x: IndexExplanation }) {
  return (
    <View className='cs-why'>
      <Text className='cs-why__summary'>{x.summary}</Text>
      {x.definition ? <Text className='cs-why__formula'>{`计算口径（第${x.definition.version}版）：${x.definition.formula}`}</Text> : null}
      {x.changes.length ? (
        <View className='cs-why__table'>
          <View className='cs-why__row cs-why__row--head'>
            <Text className='cs-why__metric'>指标</Text>
            <Text className='cs-why__num'>本月</Text>
            <Text className='cs-why__num'>上月</Text>
            <Text className='cs-why__num'>得分</Text>
            <Text className='cs-why__num'>变化</Text>
          </View>
          {x.changes.map((c) => (
            <View key={c.metric} className='cs-why__row'>
              <Text className='cs-why__metric'>{c.label}</Text>
              <Text className='cs-why__num'>{num(c.value, c.unit)}</Text>
              <Text className='cs-why__num'>{num(c.previousValue, c.unit)}</Text>
              <Text className='cs-why__num'>{num(c.contribution)}</Text>
              <Text className='cs-why__num'>{signed(c.contributionDelta)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
