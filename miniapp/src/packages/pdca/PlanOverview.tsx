import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PdcaPlanDetail } from '@dangjian/shared';
import { Card, InfoRow, Tag } from '@/components/Card';
import { pdcaTaskUrl } from './routes';
import { TASK_TONE } from './tones';

/** 党群部组织 (K6): every branch's task with its state, how many scorers scored it, and its average. */
export function PlanOverview({ plan }: { plan: PdcaPlanDetail }) {
  return (
    <>
      <Card title='任务与细则'>
        <InfoRow label='考评期间' value={plan.periodLabel} />
        <InfoRow label='提交截止' value={plan.dueOn} />
        <InfoRow label='约谈分数线' value={`${plan.threshold} 分（满分 ${plan.fullMarks}）`} />
        <InfoRow label='评分人' value={plan.scorers.map((s) => s.name).join('、')} />
        <Text className='pdca__text'>{plan.description}</Text>
        {plan.rubric.map((i) => (
          <View key={i.key} className='pdca__item'>
            <View className='pdca__item-head'>
              <Text className='pdca__item-title'>{i.title}</Text>
              <Text className='pdca__score'>{i.maxScore}</Text>
            </View>
            {i.description ? <Text className='pdca__hint'>{i.description}</Text> : null}
          </View>
        ))}
      </Card>
      <View className='pdca__table' role='table' aria-label='各支部落实情况'>
        <View className='pdca__tr pdca__tr--head' role='row'>
          <Text className='pdca__td pdca__td--name'>党支部</Text>
          <Text className='pdca__td'>状态</Text>
          <Text className='pdca__td pdca__td--item'>提交时间</Text>
          <Text className='pdca__td'>评分</Text>
          <Text className='pdca__td'>平均分</Text>
        </View>
        {plan.assignments.map((a) => (
          <View key={a.id} className='pdca__tr' role='row' data-branch={a.orgName} onClick={() => void Taro.navigateTo({ url: pdcaTaskUrl(a.id) })}>
            <Text className='pdca__td pdca__td--name pdca__link'>{a.orgName}</Text>
            <View className='pdca__td'>
              <Tag tone={TASK_TONE[a.state]}>{a.stateLabel}</Tag>
            </View>
            <Text className='pdca__td pdca__td--item'>{a.submittedAt ? a.submittedAt.slice(0, 10) : '—'}</Text>
            <Text className='pdca__td'>{`${a.scoredBy}/${plan.scorers.length}`}</Text>
            <Text className='pdca__td'>{a.average ?? '—'}</Text>
          </View>
        ))}
      </View>
    </>
  );
}
