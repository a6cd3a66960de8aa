import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ProfileCorrection } from '@dangjian/shared';
import { approveCorrection, getCorrection, returnCorrection, withdrawCorrection } from '@/api/corrections';
import { errorMessage } from '@/api/errors';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { PromptDialog } from '@/components/PromptDialog';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { confirmStep } from '@/utils/confirm';
import { formatDateTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { CORRECTION_TONE } from '../../corrections';
import '../../admin.scss';

function Changes({ c }: { c: ProfileCorrection }) {
  return (
    <Card title='更正内容' extra={<Tag tone={CORRECTION_TONE[c.state]}>{c.stateLabel}</Tag>}>
      {c.changes.map((x) => (
        <View key={x.field} className='correction__change' data-change={x.field}>
          <Text className='correction__field'>{x.label}</Text>
          <View className='correction__values'>
            <Text className='correction__from'>{x.from ?? '未填写'}</Text>
            <Text className='correction__arrow'>→</Text>
            <Text className='correction__to'>{x.to ?? '不填写'}</Text>
          </View>
        </View>
      ))}
      {c.note ? <InfoRow label='说明' value={c.note} /> : null}
    </Card>
  );
}

/** One request: what changes (from → to), who asked and decided; the branch approves or returns it, the member may withdraw it. */
export default function CorrectionPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const query = useQuery(id, () => getCorrection(id ?? ''));
  const [fresh, setFresh] = useState<ProfileCorrection | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  usePullDownRefresh(() => {
    setFresh(null);
    void query.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = fresh ?? query.data;
  if (!id) return <EmptyState title='未指定更正申请' description='请从待办或“我的”进入' />;

  const act = async (work: () => Promise<ProfileCorrection>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      setFresh(await work());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const approve = async () => {
    if (!c || !(await confirmStep('通过更正', `通过后，${c.memberName}的档案将按申请更新，不能撤销。`, '通过'))) return;
    await act(() => approveCorrection(c.id), '已更正档案');
  };
  const withdraw = async () => {
    if (!c || !(await confirmStep('撤回申请', '撤回后，本次申请不再审核。', '撤回'))) return;
    await act(() => withdrawCorrection(c.id), '已撤回');
  };

  return (
    <View className='page correction'>
      <StateView loading={query.loading} error={query.error} ready={c !== undefined} onRetry={() => void query.reload()}>
        {c ? (
          <>
            {c.state === 'returned' && c.returnReason ? <Notice tone='warning'>{`退回原因：${c.returnReason}`}</Notice> : null}
            <Changes c={c} />
            <Card title='办理记录'>
              <InfoRow label='党员' value={`${c.memberName}（${c.orgName}）`} />
              <InfoRow label='申请' value={`${c.requestedBy?.name ?? c.memberName} · ${formatDateTime(c.requestedAt)}`} />
              {c.decidedAt ? (
                <InfoRow label={c.state === 'withdrawn' ? '撤回' : '审核'} value={`${c.decidedBy?.name ?? ''} · ${formatDateTime(c.decidedAt)}`} />
              ) : (
                <InfoRow label='审核' value='等待党支部审核' />
              )}
            </Card>
            <FormError message={error} />
            {c.canDecide ? (
              <View className='correction__buttons'>
                <DjButton variant='secondary' disabled={busy} onClick={() => setReturning(true)}>
                  退回
                </DjButton>
                <DjButton loading={busy} onClick={() => void approve()}>
                  通过并更新档案
                </DjButton>
              </View>
            ) : null}
            {c.canWithdraw ? (
              <View className='correction__buttons'>
                <DjButton variant='secondary' loading={busy} onClick={() => void withdraw()}>
                  撤回申请
                </DjButton>
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={returning}
        title='退回更正申请'
        description={c ? `退回后${c.memberName}会收到通知，可修改后重新申请。` : undefined}
        placeholder='请写明退回原因，例如需要提供的证明'
        confirmText='退回'
        minLength={2}
        onConfirm={async (reason) => {
          if (!c) return;
          setFresh(await returnCorrection(c.id, reason));
          void Taro.showToast({ title: '已退回', icon: 'success' });
        }}
        onClose={() => setReturning(false)}
      />
    </View>
  );
}
