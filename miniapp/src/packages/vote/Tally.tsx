import { Text, View } from '@tarojs/components';
import type { ElectionTally, MotionTally } from '@dangjian/shared';
import { MAJORITY_BASE_LABEL } from '@dangjian/shared';

const OUTCOME = { elected: '当选', runoff: '需再次投票', not_elected: '未当选' } as const;

export function ElectionTallyView({ tally }: { tally: ElectionTally }) {
  return (
    <View className='tally'>
      {tally.void ? <Text className='tally__void'>收回选票多于发出选票，本轮选举无效，须重新投票</Text> : null}
      <View className='tally__nums'>
        <Text>发出 {tally.issued}</Text>
        <Text>收回 {tally.collected}</Text>
        <Text>有效 {tally.valid}</Text>
        <Text>无效 {tally.invalid}</Text>
      </View>
      {!tally.plurality ? (
        <Text className='tally__rule'>
          当选须赞成票超过{MAJORITY_BASE_LABEL[tally.majorityBase]}（{tally.base}）的一半，即至少 {tally.threshold} 票
        </Text>
      ) : null}
      {tally.rows.map((r) => (
        <View key={r.key} className={`tally__row tally__row--${r.outcome}`} data-tally={r.name}>
          <Text className='tally__name'>
            {r.name}
            {r.writeIn ? '（另选）' : ''}
          </Text>
          <Text className='tally__votes'>
            赞成 {r.for} · 不赞成 {r.against} · 弃权 {r.abstain}
          </Text>
          <Text className='tally__outcome'>{OUTCOME[r.outcome]}</Text>
        </View>
      ))}
      {tally.shortfall > 0 ? <Text className='tally__void'>当选人数不足应选名额 {tally.shortfall} 名，可另行选举或经同意减少名额</Text> : null}
    </View>
  );
}

export function MotionTallyView({ tally }: { tally: MotionTally }) {
  return (
    <View className='tally'>
      <View className='tally__nums'>
        <Text>赞成 {tally.for}</Text>
        <Text>反对 {tally.against}</Text>
        <Text>弃权 {tally.abstain}</Text>
      </View>
      {tally.writtenFor + tally.writtenAgainst + tally.writtenAbstain > 0 ? (
        <Text className='tally__rule'>
          含书面意见：赞成 {tally.writtenFor} · 反对 {tally.writtenAgainst} · 弃权 {tally.writtenAbstain}
        </Text>
      ) : null}
      <Text className={`tally__verdict ${tally.passed ? 'tally__verdict--passed' : ''}`}>{tally.passed ? '通过' : '未通过'}</Text>
      <Text className='tally__rule'>{tally.message}</Text>
    </View>
  );
}
