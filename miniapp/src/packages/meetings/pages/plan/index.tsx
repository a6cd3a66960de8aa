import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { MEETING_PLAN_STATE_LABEL, type MeetingPlan } from '@dangjian/shared';
import { acknowledgeMeetingPlan, getMeetingPlan, reopenMeetingPlan, returnMeetingPlan, saveMeetingPlanEntries, submitMeetingPlan } from '@/api/meeting-plans';
import { errorMessage } from '@/api/errors';
import { Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { addOptions, byMonth, entriesOf, PLAN_STATE_TONE, planCounts, rowsOf, rowTitle, type PlanRow } from '../../calendar/plan-shape';
import { complianceUrl } from '../../routes';
import './index.scss';

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
let added = 0;

/**
 * One branch's yearly plan (年度计划): meetings by month, drafted from C1. The secretary moves them,
 * gives them topics, adds or removes, and reports the plan to the organisation above, which
 * acknowledges it or returns it with a reason.
 */
export default function PlanPage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id || null, () => getMeetingPlan(id));
  const [plan, setPlan] = useState<MeetingPlan | null>(null);
  const [rows, setRows] = useState<PlanRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);

  const show = (p: MeetingPlan) => {
    setPlan(p);
    setRows(rowsOf(p));
    setDirty(false);
    setError(null);
  };
  useEffect(() => {
    if (q.data) show(q.data);
  }, [q.data]);

  const edit = (next: PlanRow[]) => {
    setRows(next);
    setDirty(true);
  };
  const change = (key: string, patch: Partial<PlanRow>) => edit(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  /** Saves pending edits first, then `then` (a step); a refusal is shown above the buttons. */
  const act = async (then?: (id: string) => Promise<MeetingPlan>) => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      let p = plan;
      if (dirty) p = await saveMeetingPlanEntries(plan.id, entriesOf(rows));
      if (then) p = await then(plan.id);
      show(p);
      void Taro.showToast({ title: then ? '已提交' : '已保存', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const options = addOptions(rows);
  return (
    <View className='page plan'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(plan)} onRetry={() => void q.reload()}>
        {plan ? (
          <>
            <View className='plan__head'>
              <View className='plan__title-line'>
                <Text className='plan__title'>
                  {plan.organisationName} {plan.year}年度会议计划
                </Text>
                <Tag tone={PLAN_STATE_TONE[plan.state]}>{MEETING_PLAN_STATE_LABEL[plan.state]}</Tag>
              </View>
              <Text className='plan__sub'>
                共 {rows.length} 项{plan.submittedAt ? ` · ${plan.submittedBy ?? ''} ${formatDateTime(plan.submittedAt)} 报上级` : ''}
                {plan.decidedAt && plan.state !== 'returned' ? ` · ${plan.decidedBy ?? ''} 已确认` : ''}
              </Text>
              <Text className='plan__counts'>
                {planCounts(rows)
                  .map((c) => `${c.title} ${c.count}`)
                  .join(' · ')}
              </Text>
              <Text className='plan__link' onClick={() => void Taro.navigateTo({ url: complianceUrl(plan.organisationId, plan.organisationName) })}>
                对照落实情况
              </Text>
            </View>
            {plan.state === 'returned' && plan.returnReason ? (
              <View className='plan__notice'>
                <Notice>
                  上级党组织退回（{plan.decidedBy}）：{plan.returnReason}
                </Notice>
              </View>
            ) : null}
            {plan.canEdit ? (
              <View className='plan__notice'>
                <Notice tone='info'>已按三会一课最低频次起草：可调整月份、填写议题、增删会议，保存后报上级党组织。</Notice>
              </View>
            ) : null}
            {byMonth(rows).map(({ month, rows: rs }) => (
              <View key={month} className='plan-month' data-month={month}>
                <View className='plan-month__head'>
                  <Text className='plan-month__title'>{month}月</Text>
                  {plan.canEdit ? (
                    <Picker
                      mode='selector'
                      range={options.map(rowTitle)}
                      onChange={(e) => {
                        const o = options[Number(e.detail.value)];
                        if (o) edit([...rows, { key: `new-${++added}`, month, type: o.type, group: o.group, topic: '' }]);
                      }}
                    >
                      <Text className='plan-month__add'>＋ 添加</Text>
                    </Picker>
                  ) : null}
                </View>
                {rs.length === 0 ? <Text className='plan-month__empty'>本月未安排</Text> : null}
                {rs.map((r) => (
                  <View key={r.key} className='plan-entry'>
                    <View className='plan-entry__line'>
                      <Text className='plan-entry__type'>{rowTitle(r)}</Text>
                      {plan.canEdit ? (
                        <>
                          <Picker mode='selector' range={MONTHS} value={r.month - 1} onChange={(e) => change(r.key, { month: Number(e.detail.value) + 1 })}>
                            <Text className='plan-entry__month'>移至 ▾</Text>
                          </Picker>
                          <Text className='plan-entry__remove' aria-label='删除' onClick={() => edit(rows.filter((x) => x.key !== r.key))}>
                            删除
                          </Text>
                        </>
                      ) : null}
                    </View>
                    {plan.canEdit ? (
                      <Input
                        className='plan-entry__topic'
                        value={r.topic}
                        maxlength={200}
                        placeholder='议题（选填）'
                        onInput={(e) => change(r.key, { topic: e.detail.value })}
                      />
                    ) : r.topic ? (
                      <Text className='plan-entry__topic-text'>议题：{r.topic}</Text>
                    ) : null}
                  </View>
                ))}
              </View>
            ))}
            <View className='plan__actions'>
              {error ? <Text className='plan__error'>{error}</Text> : null}
              {plan.canEdit && dirty ? (
                <DjButton variant='secondary' loading={busy} onClick={() => void act()}>
                  保存
                </DjButton>
              ) : null}
              {plan.actions.includes('submit') ? (
                <DjButton loading={busy} onClick={() => void act(submitMeetingPlan)}>
                  报上级党组织
                </DjButton>
              ) : null}
              {plan.actions.includes('acknowledge') ? (
                <DjButton loading={busy} onClick={() => void act(acknowledgeMeetingPlan)}>
                  确认计划
                </DjButton>
              ) : null}
              {plan.actions.includes('return') ? (
                <DjButton variant='secondary' disabled={busy} onClick={() => setReturning(true)}>
                  退回修改
                </DjButton>
              ) : null}
              {plan.actions.includes('reopen') ? (
                <DjButton variant='secondary' loading={busy} onClick={() => void act(reopenMeetingPlan)}>
                  重新调整
                </DjButton>
              ) : null}
            </View>
            <PromptDialog
              open={returning}
              title='退回年度计划'
              description={`${plan.organisationName} ${plan.year}年度会议计划`}
              placeholder='请写明需要修改的地方'
              confirmText='退回'
              minLength={2}
              onConfirm={async (reason) => show(await returnMeetingPlan(plan.id, reason))}
              onClose={() => setReturning(false)}
            />
          </>
        ) : null}
      </StateView>
    </View>
  );
}
