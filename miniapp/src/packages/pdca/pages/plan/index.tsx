import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PdcaPlanDetail } from '@dangjian/shared';
import { getPdcaPlan, pdcaPlanStep, type PlanStep } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { confirmStep } from '@/utils/confirm';
import { safeDecode } from '@/utils/qr';
import { PlanEditor } from '../../PlanEditor';
import { PlanOverview } from '../../PlanOverview';
import { pdcaPlanUrl, pdcaResultsUrl } from '../../routes';
import { PLAN_TONE } from '../../tones';
import '../../pdca.scss';

/** `ok`: the sheet's confirm button — showModal refuses one longer than four characters (WeChat's limit, kept by Taro's H5). */
const STEPS: Record<string, { step: PlanStep; label: string; ok: string; confirm: string }> = {
  publish: { step: 'publish', label: '发布给各支部', ok: '发布', confirm: '发布后各支部书记收到任务，任务、细则、支部和评分人不能再修改。' },
  start_scoring: { step: 'start-scoring', label: '开始考评', ok: '开始考评', confirm: '开始考评后各支部不能再提交，评分人开始评分。' },
  report: { step: 'report', label: '汇报党委', ok: '汇报', confirm: '汇报后结果定稿；低于分数线的支部列入约谈名单。' },
  close: { step: 'close', label: '结束本轮考评', ok: '结束', confirm: '所有约谈已记录，结束后本轮考评归档。' },
};

/** One plan: the editor while it is a draft, then each branch's state and the committee's next step. */
export default function PdcaPlanPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const orgId = safeDecode(params.orgId);
  const query = useQuery(id, () => getPdcaPlan(id ?? ''));
  const [fresh, setFresh] = useState<PdcaPlanDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    if (id) void query.reload().then(() => setFresh(null));
  });
  usePullDownRefresh(() => {
    setFresh(null);
    void query.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const plan = fresh ?? query.data ?? null;

  if (!id) {
    return (
      <View className='page pdca'>
        <PlanEditor orgId={orgId} plan={null} onSaved={(p) => void Taro.redirectTo({ url: pdcaPlanUrl(p.id) })} />
      </View>
    );
  }

  const step = async (action: string) => {
    const s = STEPS[action];
    if (!plan || !s || !(await confirmStep(s.label, s.confirm, s.ok))) return;
    setBusy(true);
    setError(null);
    try {
      setFresh(await pdcaPlanStep(plan.id, s.step));
      void Taro.showToast({ title: '已办理', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page pdca'>
      <StateView loading={query.loading} error={query.error} ready={plan !== null} onRetry={() => void query.reload()}>
        {plan ? (
          <>
            <View className='pdca__toolbar'>
              <View className='pdca__row-main'>
                <Text className='pdca__row-title'>{plan.title}</Text>
                <Text className='pdca__row-sub'>{`${plan.orgName} · ${plan.periodLabel}`}</Text>
              </View>
              <Tag tone={PLAN_TONE[plan.state]}>{plan.stateLabel}</Tag>
            </View>
            {plan.canEdit ? <PlanEditor orgId={plan.orgId} plan={plan} onSaved={setFresh} /> : <PlanOverview plan={plan} />}
            <View className='pdca__actions'>
              <FormError message={error} />
              {plan.actions.map((a) => (
                <DjButton key={a} loading={busy} onClick={() => void step(a)}>
                  {STEPS[a]?.label ?? a}
                </DjButton>
              ))}
              {plan.state !== 'draft' && plan.state !== 'published' ? (
                <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: pdcaResultsUrl(plan.id) })}>
                  考评结果与约谈
                </DjButton>
              ) : null}
            </View>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
