import { Text, View } from '@tarojs/components';
import type { VoterRoll } from '@dangjian/shared';
import { Card } from '@/components/Card';

/** E3 (or the motion rule's quorum) before voting opens. Outside the page modules: a weapp page exports only its page. */
export function QuorumCard({ roll }: { roll: VoterRoll | undefined }) {
  if (!roll) return null;
  const q = roll.quorum;
  return (
    <Card title='到会人数与法定人数'>
      <View className='quorum' data-quorum-met={q.met}>
        <View className='quorum__nums'>
          <Text>应到会 {q.required}</Text>
          <Text>实到 {q.present}</Text>
          <Text>至少 {q.minimum}</Text>
        </View>
        <Text className={q.met ? 'quorum__met' : 'quorum__unmet'}>{q.met ? '已达到法定人数' : '未达到法定人数，不能开始投票'}</Text>
        <Text className='quorum__msg'>{q.message}</Text>
      </View>
    </Card>
  );
}
