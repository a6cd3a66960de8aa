import { Text, View } from '@tarojs/components';
import type { RecordedVote } from '@dangjian/shared';
import { Field } from '@/components/Field';

/** A show-of-hands vote of the meeting recorded as counts (选举办法, 监票人). */
export function VoteCounts({ label, value, onChange }: { label: string; value: RecordedVote; onChange: (v: RecordedVote) => void }) {
  const set = (k: keyof RecordedVote) => (s: string) => onChange({ ...value, [k]: Math.max(0, Number.parseInt(s, 10) || 0) });
  return (
    <View className='vote-counts'>
      <Text className='vote-counts__label'>{label}</Text>
      <Field label='赞成' type='number' value={String(value.for)} onChange={set('for')} />
      <Field label='反对' type='number' value={String(value.against)} onChange={set('against')} />
      <Field label='弃权' type='number' value={String(value.abstain)} onChange={set('abstain')} />
    </View>
  );
}
