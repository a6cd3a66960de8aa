import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AssignmentState } from '@dangjian/shared';
import { ASSIGNMENT_STATE_LABEL } from '@dangjian/shared';
import { getAssignment } from '@/api/study';
import { Card, InfoRow, Tag, type TagTone } from '@/components/Card';
import { ProgressBar } from '@/components/ProgressBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import '../../study.scss';

const TONE: Record<AssignmentState, TagTone> = { done: 'success', in_progress: 'gold', not_started: 'neutral', overdue: 'warning' };

/** One required course (L5): each assigned member's progress; who has not finished shows first. */
export default function AssignmentPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery(id ? `assignment:${id}` : null, () => getAssignment(id));
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const a = q.data;
  const order: AssignmentState[] = ['overdue', 'not_started', 'in_progress', 'done'];

  return (
    <View className='page study-page'>
      <StateView loading={q.loading} error={q.error} ready={a !== undefined} onRetry={() => void q.reload()}>
        {a ? (
          <>
            <Card title={a.course.title}>
              <InfoRow label='组织' value={a.org.name} />
              <InfoRow label='完成期限' value={a.deadline} />
              <InfoRow label='完成人数' value={`${a.counts.done ?? 0}/${a.memberCount}`} />
              <ProgressBar value={a.memberCount ? (a.counts.done ?? 0) / a.memberCount : 0} />
              {a.note ? <Text className='study-hint'>{a.note}</Text> : null}
            </Card>
            <Card title='党员完成情况'>
              {[...a.members]
                .sort((x, y) => order.indexOf(x.state) - order.indexOf(y.state))
                .map((m) => (
                  <View key={m.member.id} className='study-row' data-member={m.member.id} data-state={m.state}>
                    <View className='study-row__main'>
                      <Text className='study-row__title'>{m.member.name}</Text>
                      <Text className='study-row__sub'>
                        {m.completedAt ? `${m.org.name} · ${formatDateTime(m.completedAt)} 完成` : `${m.org.name} · ${m.lessonsDone}/${m.lessonCount} 课时`}
                      </Text>
                    </View>
                    <Tag tone={TONE[m.state]}>{ASSIGNMENT_STATE_LABEL[m.state]}</Tag>
                  </View>
                ))}
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
