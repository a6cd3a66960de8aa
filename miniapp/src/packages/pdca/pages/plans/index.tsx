import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listPdcaPlans } from '@/api/pdca';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { OrgSwitch } from '@/components/OrgSwitch';
import { EmptyState, StateView } from '@/components/StateView';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { useQuery } from '@/hooks/useQuery';
import { PDCA_TASKS_URL, pdcaNewPlanUrl, pdcaPlanUrl } from '../../routes';
import { PLAN_TONE } from '../../tones';
import '../../pdca.scss';

/** 党委统筹 (K6): the committee's plans, newest period first; a new plan starts here. */
export default function PdcaPlansPage() {
  const { grants, org, setPicked } = useOrgChoice('pdca.manage');
  const query = useQuery(org ? `pdca-plans:${org.orgId}` : null, () => listPdcaPlans(org?.orgId));
  useDidShow(() => void query.reload());
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()));
  if (!org) return <EmptyState title='没有可管理的考评' description='PDCA 考评由党委（党群部）组织' />;

  return (
    <View className='page pdca'>
      <View className='pdca__toolbar'>
        <OrgSwitch orgName={org.orgName} grants={grants} onPick={setPicked} className='pdca__row-title' />
        <DjButton onClick={() => void Taro.navigateTo({ url: pdcaNewPlanUrl(org.orgId, org.orgName) })}>新建考评任务</DjButton>
        <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: PDCA_TASKS_URL })}>
          我的评分
        </DjButton>
      </View>
      <StateView loading={query.loading} error={query.error} ready={query.data !== undefined} onRetry={() => void query.reload()}>
        {query.data?.items.length === 0 ? <EmptyState title='还没有考评任务' description='新建一个年度或季度考评任务，设置评分细则并分派给各支部' /> : null}
        {query.data?.items.map((p) => {
          const total = Object.values(p.counts).reduce((s, n) => s + n, 0);
          return (
            <View key={p.id} className='pdca__row' data-plan={p.title} onClick={() => void Taro.navigateTo({ url: pdcaPlanUrl(p.id) })}>
              <View className='pdca__row-main'>
                <Text className='pdca__row-title'>{p.title}</Text>
                <Text className='pdca__row-sub'>{`${p.periodLabel} · ${total} 个支部 · 已提交 ${(p.counts.submitted ?? 0) + (p.counts.accepted ?? 0) + (p.counts.scored ?? 0)} · 截止 ${p.dueOn}`}</Text>
              </View>
              <Tag tone={PLAN_TONE[p.state]}>{p.stateLabel}</Tag>
            </View>
          );
        })}
      </StateView>
    </View>
  );
}
