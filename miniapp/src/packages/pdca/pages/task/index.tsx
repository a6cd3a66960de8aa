import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { PdcaAssignment } from '@dangjian/shared';
import { getPdcaTask, pdcaTaskStep, returnPdcaTask } from '@/api/pdca';
import { errorMessage } from '@/api/errors';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { PromptDialog } from '@/components/PromptDialog';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { confirmStep } from '@/utils/confirm';
import { formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { ScoreForm } from '../../ScoreForm';
import { EvidenceFiles, TaskEvidence } from '../../TaskEvidence';
import { Sheets, SubmittedEvidence, TaskPlan } from '../../TaskInfo';
import { TASK_TONE } from '../../tones';
import '../../pdca.scss';

/**
 * One branch's task (K6). The branch records and submits its evidence; the committee accepts, returns
 * or fixes the score; a scorer enters their sheet. What each sees and may do comes from the server.
 */
export default function PdcaTaskPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const { me } = useMe();
  const query = useQuery(id, () => getPdcaTask(id ?? ''));
  const [fresh, setFresh] = useState<PdcaAssignment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const reload = () => {
    setFresh(null);
    return query.reload();
  };
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));
  const t = fresh ?? query.data ?? null;
  if (!id) return <EmptyState title='未指定考评任务' description='请从待办或考评任务列表进入' />;

  const step = async (action: 'accept' | 'finalise') => {
    if (!t) return;
    if (action === 'finalise' && !(await confirmStep('确定得分', '得分取各评分人合计的平均值，确定后不能再修改评分。', '确定得分'))) return;
    setBusy(true);
    setError(null);
    try {
      setFresh(await pdcaTaskStep(t.id, action));
      void Taro.showToast({ title: '已办理', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page pdca'>
      <StateView loading={query.loading} error={query.error} ready={t !== null} onRetry={() => void reload()}>
        {t ? (
          <>
            {t.state === 'returned' && t.returnReason ? <Notice tone='warning'>{`退回原因：${t.returnReason}`}</Notice> : null}
            <Card title={t.orgName} extra={<Tag tone={TASK_TONE[t.state]}>{t.stateLabel}</Tag>}>
              <InfoRow label='提交时间' value={t.submittedAt ? formatDateTime(t.submittedAt) : '未提交'} />
              {t.average !== null ? <InfoRow label='得分' value={`${t.average} 分`} /> : null}
            </Card>
            <TaskPlan task={t} />
            {t.canEditEvidence ? (
              <TaskEvidence task={t} onChanged={(next) => (next ? setFresh(next) : void reload())} />
            ) : (
              <>
                <SubmittedEvidence task={t} />
                <Card title='照片和文件'>
                  <EvidenceFiles task={t} />
                </Card>
              </>
            )}
            {t.canScore && me ? <ScoreForm task={t} userId={me.userId} onSaved={setFresh} /> : null}
            <Sheets task={t} />
            {t.actions.length ? (
              <View className='pdca__actions'>
                <FormError message={error} />
                {t.actions.includes('return') ? (
                  <DjButton variant='secondary' disabled={busy} onClick={() => setReturning(true)}>
                    退回补充
                  </DjButton>
                ) : null}
                {t.actions.includes('accept') ? (
                  <DjButton loading={busy} onClick={() => void step('accept')}>
                    验收通过
                  </DjButton>
                ) : null}
                {t.actions.includes('score') && t.plan.state === 'scoring' ? (
                  <DjButton loading={busy} onClick={() => void step('finalise')}>
                    {`确定得分（${t.scoredBy} 人已评）`}
                  </DjButton>
                ) : null}
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={returning}
        title='退回落实情况'
        description={t ? `退回后${t.orgName}书记会收到通知，补充后重新提交。` : undefined}
        placeholder='请写明需要补充的内容'
        confirmText='退回'
        minLength={2}
        onConfirm={async (reason) => {
          if (!t) return;
          setFresh(await returnPdcaTask(t.id, reason));
          void Taro.showToast({ title: '已退回', icon: 'success' });
        }}
        onClose={() => setReturning(false)}
      />
    </View>
  );
}
