import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { PointsDeduction } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listMembers } from '@/api/members';
import { approveDeduction, listDeductions, proposeDeduction, rejectDeduction } from '@/api/points';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { formatDateTime } from '@/utils/format';
import '../../../study/study.scss';
import '../../points.scss';

/** Propose: a member of the branch where the caller holds points.manage, points and a reason. */
function ProposeForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const members = useQuery(`points-members:${orgId}`, () => listMembers({ orgId, pageSize: 200 }));
  const [pick, setPick] = useState(-1);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = members.data?.items ?? [];
  const submit = async () => {
    if (pick < 0) return setError('请选择党员');
    setBusy(true);
    setError(null);
    try {
      await proposeDeduction({ memberId: list[pick]!.id, points: Number(points), reason });
      setPick(-1);
      setPoints('');
      setReason('');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title='提出扣分' className='study-form'>
      <Picker mode='selector' range={list.map((m) => m.name)} onChange={(e) => setPick(Number(e.detail.value))}>
        <View className='points-rule__pick'>{`党员：${pick >= 0 ? list[pick]!.name : '请选择'}`}</View>
      </Picker>
      <Field label='扣减分值' type='number' value={points} onChange={setPoints} name='points' />
      <Field label='扣分原因' value={reason} onChange={setReason} maxlength={500} name='reason' />
      <FormError message={error} />
      <DjButton loading={busy} onClick={() => void submit()}>
        提交审批
      </DjButton>
    </Card>
  );
}

/** 积分扣减 (P3): the branch proposes with a reason; an approver (not the proposer) approves or rejects. */
export default function DeductionsPage() {
  const { me } = useMe();
  const list = useQuery('points-deductions', listDeductions);
  const [rejecting, setRejecting] = useState<PointsDeduction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [manage] = me ? grantsWith(me, 'points.manage') : [];

  const approve = async (d: PointsDeduction) => {
    setError(null);
    try {
      await approveDeduction(d.id);
      await list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <View className='page study-page'>
      {manage ? <ProposeForm orgId={manage.orgId} onDone={() => void list.reload()} /> : null}
      <FormError message={error} />
      <StateView loading={list.loading} error={list.error} ready={list.data !== undefined} onRetry={() => void list.reload()}>
        <Card title='扣分申请'>
          {list.data?.items.length ? (
            list.data.items.map((d) => (
              <View key={d.id} className='points-deduction' data-state={d.state}>
                <View className='study-row__meta'>
                  <Text className='study-row__title'>{`${d.member.name} · 扣 ${d.points} 分`}</Text>
                  <Tag tone={d.state === 'proposed' ? 'gold' : d.state === 'approved' ? 'primary' : 'neutral'}>{d.stateLabel}</Tag>
                </View>
                <Text className='study-row__sub'>{`${d.org.name} · ${d.reason}`}</Text>
                <Text className='study-row__sub'>{`${d.proposedBy ?? '—'} 提出于 ${formatDateTime(d.proposedAt)}${d.decidedBy ? ` · ${d.decidedBy} 审批` : ''}`}</Text>
                {d.rejectReason ? <Text className='study-row__sub'>{`未通过原因：${d.rejectReason}`}</Text> : null}
                {d.canDecide ? (
                  <View className='points-deduction__actions'>
                    <DjButton onClick={() => void approve(d)}>批准</DjButton>
                    <DjButton variant='secondary' onClick={() => setRejecting(d)}>
                      不批准
                    </DjButton>
                  </View>
                ) : null}
              </View>
            ))
          ) : (
            <Text className='dj-muted'>暂无扣分申请</Text>
          )}
        </Card>
      </StateView>
      <PromptDialog
        open={rejecting !== null}
        title='不批准扣分'
        description={rejecting ? `${rejecting.member.name} · 扣 ${rejecting.points} 分` : undefined}
        placeholder='请填写原因'
        minLength={2}
        maxLength={500}
        onConfirm={async (reason) => {
          await rejectDeduction(rejecting!.id, { reason });
          setRejecting(null);
          await list.reload();
        }}
        onClose={() => setRejecting(null)}
      />
    </View>
  );
}
