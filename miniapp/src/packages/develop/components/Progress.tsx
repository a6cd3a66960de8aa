import { Text, View } from '@tarojs/components';
import type { DevRecord, DevStage } from '@dangjian/shared';
import { DEV_STAGE_LABEL, DEV_STAGES } from '@dangjian/shared';
import { ProgressBar } from '@/components/ProgressBar';
import { formatDate } from '@/utils/format';

/** Five stages share a phone's width (~70 px each): 入党积极分子 would break mid-word, so the bar says 积极分子. */
const BAR_LABEL: Record<DevStage, string> = { ...DEV_STAGE_LABEL, activist: '积极分子' };

/** Where the person stands: the five stages with the current one marked, and the step number of 25. */
export function StageBar({ record }: { record: Pick<DevRecord, 'stage' | 'stepNo' | 'state'> }) {
  const at = DEV_STAGES.indexOf(record.stage);
  const closed = record.state === 'closed';
  return (
    <View className='dev-stages'>
      {DEV_STAGES.map((s, i) => (
        <View key={s} className={`dev-stages__item ${i < at ? 'is-done' : ''} ${i === at && !closed ? 'is-current' : ''}`}>
          <Text className='dev-stages__dot'>{i + 1}</Text>
          <Text className='dev-stages__label'>{BAR_LABEL[s]}</Text>
        </View>
      ))}
      <Text className='dev-stages__step'>{closed ? '发展程序已终止' : `第 ${record.stepNo} 步 / 共 25 步`}</Text>
    </View>
  );
}

/** The dates that bind the next step: `before` (do it by then, red once past) and `after` (not before then). */
export function Deadlines({ record }: { record: Pick<DevRecord, 'deadlines'> }) {
  if (!record.deadlines.length) return null;
  return (
    <View className='dev-deadlines'>
      {record.deadlines.map((d) => (
        <View key={d.label} className={`dev-deadlines__row ${d.overdue ? 'is-overdue' : ''}`}>
          <Text className='dev-deadlines__label'>{d.label}</Text>
          <Text className='dev-deadlines__due'>
            {d.kind === 'before' ? `${formatDate(d.due)} 前` : `${formatDate(d.due)} 起`}
            {d.overdue ? '（已超期）' : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** The recorded steps, newest last. */
export function StepList({ record }: { record: Pick<DevRecord, 'steps'> }) {
  return (
    <View className='dev-steps'>
      {record.steps.map((s) => (
        <View key={s.id} className='dev-steps__item'>
          <Text className='dev-steps__title'>{s.stepNo ? `${s.stepNo}. ${s.actionLabel}` : s.actionLabel}</Text>
          <Text className='dev-steps__sub'>
            {formatDate(s.on)} · {s.actorName}
            {s.members.length ? ` · ${s.members.map((m) => m.name).join('、')}` : ''}
            {s.approverOrg ? ` · ${s.approverOrg.name}` : ''}
          </Text>
          {s.note ? <Text className='dev-steps__note'>{s.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * D11 while the concentrated training is still to come: the 学时 so far (online study of the
 * candidate's own account since becoming a development target), e.g. 已完成 18/24 学时.
 */
export function TrainingHours({ training, self }: { training: NonNullable<DevRecord['training']>; self: boolean }) {
  return (
    <View className='dev-training'>
      <Text className={`dev-training__text ${training.met ? 'is-met' : ''}`}>{training.text}</Text>
      <ProgressBar value={training.totalS / (training.requiredHours * 3600)} bare tone='primary' />
      <Text className='dev-training__hint'>
        {`自 ${formatDate(training.since)} 成为发展对象起，${self ? '您' : '本人'}在“学习”中完成的课程学时计入集中培训；集中培训一般不少于 ${training.requiredDays} 天或 ${training.requiredHours} 个学时，线下培训的天数和学时由党委在办理时记录。`}
      </Text>
    </View>
  );
}
