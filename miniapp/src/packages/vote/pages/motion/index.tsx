import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MotionAction, MotionDetail, VoterRoll } from '@dangjian/shared';
import { MOTION_ACTION_LABEL, MOTION_KIND_LABEL, MOTION_KIND_RULE, MOTION_STATE_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { getMotion, getRoll, motionStep } from '@/api/vote';
import { Card, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { confirmStep } from '@/utils/confirm';
import { safeDecode } from '@/utils/qr';
import { OpinionsCard } from '../../MotionForms';
import { QuorumCard } from '../../Quorum';
import { MotionTallyView } from '../../Tally';
import { buildCancel } from '../../manage-forms';
import { receiptPageUrl } from '../../routes';
import { openVoteScreen } from '../../screen-link';
import { MOTION_STEP_CONFIRM } from '../../step-confirm';
import '../../vote.scss';
import '../election/index.scss';

const STEP: Partial<Record<MotionAction, 'open-voting' | 'close-voting' | 'count' | 'rerun'>> = {
  open_voting: 'open-voting',
  close_voting: 'close-voting',
  count: 'count',
  rerun: 'rerun',
};

/** A motion or admission vote (V1–V3): quorum before opening, open, close, count, the tally. */
export default function MotionPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const detail = useQuery<MotionDetail>(id, () => getMotion(id ?? ''));
  const roll = useQuery<VoterRoll>(id, () => getRoll({ kind: 'motion', id: id ?? '' }));
  const [fresh, setFresh] = useState<MotionDetail | null>(null);
  const [busy, setBusy] = useState<MotionAction | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const m = fresh && !detail.loading ? fresh : detail.data;
  const reload = () => Promise.all([detail.reload(), roll.reload()]).then(() => setFresh(null));
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  const run = async (a: MotionAction) => {
    const path = STEP[a];
    if (!m || !path) return;
    const warning = MOTION_STEP_CONFIRM[a];
    if (warning && !(await confirmStep(`${MOTION_ACTION_LABEL[a]}？`, warning))) return;
    setBusy(a);
    setStepError(null);
    try {
      setFresh(await motionStep(m.id, path));
      void roll.reload();
    } catch (e) {
      setStepError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const applied = (next: MotionDetail) => {
    setFresh(next);
    void roll.reload();
  };

  const cancel = async (reason: string) => {
    if (!m) return;
    const built = buildCancel(reason);
    if (!built.ok) throw new Error(built.error);
    applied(await motionStep(m.id, 'cancel', built.body));
    void Taro.showToast({ title: '表决已取消', icon: 'none' });
  };

  return (
    <View className='page election'>
      <StateView loading={detail.loading} error={detail.error} ready={!!m} onRetry={() => void reload()}>
        {m ? (
          <>
            <View className='election__head'>
              <Text className='election__title'>{m.title}</Text>
              <View className='election__tags'>
                <Tag tone='primary'>{MOTION_STATE_LABEL[m.state]}</Tag>
                <Tag>{MOTION_KIND_LABEL[m.kind]}</Tag>
                <Tag>{MOTION_KIND_RULE[m.kind]}</Tag>
              </View>
              <Text className='election__sub'>
                {m.organisationName} · {m.meetingTitle}
              </Text>
              {m.applicant ? <Text className='election__sub'>申请人：{m.applicant.name}</Text> : null}
            </View>
            {m.state === 'draft' || m.state === 'voting_open' ? <QuorumCard roll={roll.data} /> : null}
            {m.canManage ? (
              <Card title='表决步骤'>
                <View className='vote-steps'>
                  {stepError ? <Notice>{stepError}</Notice> : null}
                  {m.allowedActions
                    .filter((a) => STEP[a])
                    .map((a) => (
                      <DjButton key={a} className='vote-steps__btn' loading={busy === a} disabled={busy !== null && busy !== a} onClick={() => void run(a)}>
                        {MOTION_ACTION_LABEL[a]}
                      </DjButton>
                    ))}
                  <DjButton variant='secondary' className='vote-steps__btn' onClick={() => void openVoteScreen(m.meetingId, { kind: 'motion', id: m.id })}>
                    投票大屏
                  </DjButton>
                  {m.allowedActions.includes('cancel') ? (
                    <DjButton variant='plain' className='vote-steps__btn' disabled={busy !== null} onClick={() => setCancelling(true)}>
                      取消表决
                    </DjButton>
                  ) : null}
                </View>
              </Card>
            ) : null}
            <OpinionsCard m={m} roll={roll.data} onDone={applied} />
            {m.cancelReason ? (
              <Card title='取消原因'>
                <Text className='election__line'>{m.cancelReason}</Text>
              </Card>
            ) : null}
            {m.tally ? (
              <Card title='表决结果'>
                <MotionTallyView tally={m.tally} />
                {m.boxId ? (
                  <DjButton variant='secondary' className='vote-steps__btn' onClick={() => void Taro.navigateTo({ url: receiptPageUrl(m.boxId ?? '') })}>
                    公布的选票记录
                  </DjButton>
                ) : null}
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={cancelling}
        title='取消表决'
        description={m ? `${m.title}：取消后不能恢复，请填写原因` : undefined}
        placeholder='取消原因（至少 2 个字）'
        confirmText='确认取消'
        minLength={2}
        onConfirm={cancel}
        onClose={() => setCancelling(false)}
      />
    </View>
  );
}
