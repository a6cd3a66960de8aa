import { Text, View } from '@tarojs/components';
import type { PdcaAssignment } from '@dangjian/shared';
import { Card, InfoRow, Tag } from '@/components/Card';
import { TALK_TONE } from './tones';

/** The task as the committee gave it: what to do, by when, and the rubric it is scored against. */
export function TaskPlan({ task }: { task: PdcaAssignment }) {
  const p = task.plan;
  return (
    <Card title={`${p.title} · ${p.periodLabel}`}>
      <InfoRow label='下达' value={p.orgName} />
      <InfoRow label='提交截止' value={p.dueOn} />
      <InfoRow label='约谈分数线' value={`${p.threshold} 分（满分 ${p.fullMarks}）`} />
      <Text className='pdca__text'>{p.description}</Text>
      {p.rubric.map((i) => (
        <View key={i.key} className='pdca__item'>
          <View className='pdca__item-head'>
            <Text className='pdca__item-title'>{i.title}</Text>
            <Text className='pdca__hint'>{`${i.maxScore} 分`}</Text>
          </View>
          {i.description ? <Text className='pdca__hint'>{i.description}</Text> : null}
        </View>
      ))}
    </Card>
  );
}

/** What the branch submitted, read-only. */
export function SubmittedEvidence({ task }: { task: PdcaAssignment }) {
  return (
    <Card title='落实情况'>
      <Text className='pdca__text'>{task.summary ?? '尚未提交'}</Text>
      {task.links.map((l) => (
        <Text key={l.id} className='pdca__hint'>{`会议：${l.on} ${l.label}`}</Text>
      ))}
    </Card>
  );
}

/** The scorers' sheets the caller may read (all for the committee; the branch's once reported), and the 约谈. */
export function Sheets({ task }: { task: PdcaAssignment }) {
  return (
    <>
      {task.sheets.length ? (
        <Card title={task.average !== null ? `评分（平均 ${task.average} 分）` : '评分'}>
          {task.sheets.map((s) => (
            <View key={s.scorerId} className='pdca__item' data-sheet={s.scorerName}>
              <View className='pdca__item-head'>
                <Text className='pdca__item-title'>{s.scorerName}</Text>
                <Text className='pdca__score'>{s.total}</Text>
              </View>
              <Text className='pdca__hint'>{task.plan.rubric.map((i) => `${i.title} ${s.scores[i.key] ?? '—'}`).join(' · ')}</Text>
              {s.comment ? <Text className='pdca__text'>{s.comment}</Text> : null}
            </View>
          ))}
        </Card>
      ) : null}
      {task.talk ? (
        <Card title='约谈' extra={<Tag tone={TALK_TONE[task.talk.state]}>{task.talk.stateLabel}</Tag>}>
          {task.talk.heldOn ? (
            <>
              <InfoRow label='日期' value={task.talk.heldOn} />
              <InfoRow label='参加人员' value={task.talk.attendees} />
              <Text className='pdca__text'>{task.talk.content}</Text>
              <InfoRow label='整改要求' value={task.talk.followUp} />
            </>
          ) : (
            <Text className='pdca__hint'>得分低于约谈分数线，党委将约谈支部书记</Text>
          )}
        </Card>
      ) : null}
    </>
  );
}
