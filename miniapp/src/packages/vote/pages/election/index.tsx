import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ElectionAction, ElectionDetail, RecordedVote, VoterRoll } from '@dangjian/shared';
import {
  CANDIDATE_MODE_LABEL,
  CANDIDATE_STATUS_LABEL,
  ELECTION_ACTION_LABEL,
  ELECTION_KIND_LABEL,
  ELECTION_STATE_LABEL,
  ROUND_KIND_LABEL,
  SCRUTINEER_ROLE_LABEL,
} from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { authedUrl } from '@/api/links';
import { electionStep, getElection, getRoll, resultPagePath, resultSheetPath, type StepPath } from '@/api/vote';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { confirmStep } from '@/utils/confirm';
import { safeDecode } from '@/utils/qr';
import { ApprovalCard, ExclusionsCard, ShortfallCard } from '../../ManageForms';
import { QuorumCard } from '../../Quorum';
import { ElectionTallyView } from '../../Tally';
import { buildCancel } from '../../manage-forms';
import { VoteCounts } from '../../VoteCounts';
import { receiptPageUrl } from '../../routes';
import { openVoteScreen } from '../../screen-link';
import { ELECTION_STEP_CONFIRM } from '../../step-confirm';
import '../../vote.scss';
import './index.scss';

/** The E14 actions run by a button, with the endpoint of each; 另行选举, 减少名额, 上级批复 and 取消 have their own forms. */
const STEP_PATH: Partial<Record<ElectionAction, StepPath>> = {
  report_attendance: 'report-attendance',
  adopt_rules: 'adopt-rules',
  announce_candidates: 'announce-candidates',
  approve_scrutineers: 'approve-scrutineers',
  open_voting: 'open-voting',
  close_voting: 'close-voting',
  verify_ballots: 'verify-ballots',
  count: 'count',
  sign: 'sign',
  announce: 'announce',
  rerun: 'rerun',
  start_runoff: 'start-runoff',
};

const allFor = (present: number): RecordedVote => ({ for: present, against: 0, abstain: 0 });

export default function ElectionPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const detail = useQuery<ElectionDetail>(id, () => getElection(id ?? ''));
  const roll = useQuery<VoterRoll>(id, () => getRoll({ kind: 'election', id: id ?? '' }));
  const [fresh, setFresh] = useState<ElectionDetail | null>(null);
  const [busy, setBusy] = useState<ElectionAction | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [vote, setVote] = useState<RecordedVote | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [cancelling, setCancelling] = useState(false);

  const e = fresh && detail.data && fresh.id === detail.data.id && !detail.loading ? fresh : detail.data;
  const reload = () => Promise.all([detail.reload(), roll.reload()]).then(() => setFresh(null));
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()));

  const present = roll.data?.present ?? 0;
  const counts = vote ?? allFor(present);
  const round = e?.rounds[e.rounds.length - 1];
  const candidateMemberIds = new Set(e?.candidates.map((c) => c.memberId) ?? []);
  const scrutineerChoices = (roll.data?.members ?? []).filter((m) => m.present && !candidateMemberIds.has(m.memberId));

  const run = async (action: ElectionAction) => {
    const path = STEP_PATH[action];
    if (!e || !path) return;
    const warning = ELECTION_STEP_CONFIRM[action];
    if (warning && !(await confirmStep(`${ELECTION_ACTION_LABEL[action]}？`, warning, '确定'))) return;
    setBusy(action);
    setStepError(null);
    try {
      let body: object = {};
      if (action === 'adopt_rules') body = { vote: counts };
      if (action === 'approve_scrutineers') body = { scrutineerIds: picked, chiefScrutineerId: picked[0], counterIds: [], vote: counts };
      if (action === 'sign') body = { digest: round?.digest ?? '' };
      const next = await electionStep(e.id, path, body);
      setFresh(next);
      setVote(null);
      void roll.reload();
      void Taro.showToast({ title: `${ELECTION_ACTION_LABEL[action]}：已完成`, icon: 'none' });
    } catch (err) {
      setStepError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  /** A form's answer: the updated detail, and the roll again (the quorum follows E2 exclusions). */
  const applied = (next: ElectionDetail) => {
    setFresh(next);
    void roll.reload();
  };

  const cancel = async (reason: string) => {
    if (!e) return;
    const built = buildCancel(reason);
    if (!built.ok) throw new Error(built.error);
    applied(await electionStep(e.id, 'cancel', built.body));
    void Taro.showToast({ title: '选举已取消', icon: 'none' });
  };

  const openSheet = async (kind: 'page' | 'spreadsheet') => {
    if (!e) return;
    await openExternal(await authedUrl(kind === 'page' ? resultPagePath(e.id) : resultSheetPath(e.id), { fresh: true }), kind);
  };

  const actions = e?.canManage ? e.allowedActions.filter((a) => STEP_PATH[a] && (a !== 'sign' || e.canSign)) : e?.canSign ? (['sign'] as ElectionAction[]) : [];

  return (
    <View className='page election'>
      <StateView loading={detail.loading} error={detail.error} ready={!!e} onRetry={() => void reload()}>
        {e ? (
          <>
            <View className='election__head'>
              <Text className='election__title'>{e.title}</Text>
              <View className='election__tags'>
                <Tag tone='primary'>{ELECTION_STATE_LABEL[e.state]}</Tag>
                <Tag>{ELECTION_KIND_LABEL[e.kind]}</Tag>
                <Tag>{CANDIDATE_MODE_LABEL[e.candidateMode]}</Tag>
              </View>
              <Text className='election__sub'>
                {e.organisationName} · {e.meetingTitle}
              </Text>
            </View>

            {['draft', 'attendance_reported', 'rules_adopted', 'candidates_announced', 'scrutineers_approved', 'voting_open'].includes(e.state) ? (
              <QuorumCard roll={roll.data} />
            ) : null}

            {e.canManage || e.canSign ? (
              <Card title='选举步骤'>
                <View className='vote-steps'>
                  {stepError ? <Notice>{stepError}</Notice> : null}
                  {actions.includes('adopt_rules') ? <VoteCounts label='表决选举办法（举手表决结果）' value={counts} onChange={setVote} /> : null}
                  {actions.includes('approve_scrutineers') ? (
                    <>
                      <Text className='vote-steps__hint'>选择监票人（非候选人；第一位为总监票人）</Text>
                      <View className='vote-pick'>
                        {scrutineerChoices.map((m) => (
                          <View
                            key={m.memberId}
                            className={`vote-pick__item ${picked.includes(m.memberId) ? 'vote-pick__item--on' : ''}`}
                            onClick={() => setPicked((p) => (p.includes(m.memberId) ? p.filter((x) => x !== m.memberId) : [...p, m.memberId]))}
                          >
                            {m.name}
                          </View>
                        ))}
                      </View>
                      <VoteCounts label='表决监票人名单（举手表决结果）' value={counts} onChange={setVote} />
                    </>
                  ) : null}
                  {actions.includes('open_voting') && roll.data && !roll.data.quorum.met ? <Notice>到会人数未达到法定人数，不能开始投票</Notice> : null}
                  {actions.map((a) => (
                    <DjButton
                      key={a}
                      className='vote-steps__btn'
                      variant={a === 'rerun' ? 'secondary' : 'primary'}
                      loading={busy === a}
                      disabled={(busy !== null && busy !== a) || (a === 'approve_scrutineers' && picked.length === 0)}
                      onClick={() => void run(a)}
                    >
                      {ELECTION_ACTION_LABEL[a]}
                    </DjButton>
                  ))}
                  {e.canManage && e.allowedActions.includes('cancel') ? (
                    <DjButton variant='plain' className='vote-steps__btn' disabled={busy !== null} onClick={() => setCancelling(true)}>
                      {ELECTION_ACTION_LABEL.cancel}
                    </DjButton>
                  ) : null}
                  {e.canManage ? (
                    <DjButton variant='secondary' className='vote-steps__btn' onClick={() => void openVoteScreen(e.meetingId, { kind: 'election', id: e.id })}>
                      投票大屏
                    </DjButton>
                  ) : null}
                </View>
              </Card>
            ) : null}

            <ExclusionsCard e={e} roll={roll.data} onDone={applied} />
            <ShortfallCard e={e} roll={roll.data} onDone={applied} />
            <ApprovalCard e={e} onDone={applied} />
            {e.cancelReason ? (
              <Card title='取消原因'>
                <Text className='election__line'>{e.cancelReason}</Text>
              </Card>
            ) : null}
            {e.approval ? (
              <Card title='上级党组织批复'>
                <InfoRow label='结果' value={e.approval.approved ? '批准' : '不批准'} />
                <InfoRow label='文号' value={e.approval.reference} />
                <InfoRow label='日期' value={e.approval.approvedOn} />
                {e.approval.note ? <InfoRow label='说明' value={e.approval.note} /> : null}
              </Card>
            ) : null}

            <Card title={`候选人（${e.candidates.length} 人，应选 ${e.seats} 名）`}>
              {e.candidates.map((c) => (
                <View key={c.id} className='election__cand'>
                  <Text className='election__cand-name'>
                    {c.order}. {c.name}
                  </Text>
                  <Tag tone={c.status === 'elected' ? 'success' : 'neutral'}>{CANDIDATE_STATUS_LABEL[c.status]}</Tag>
                </View>
              ))}
            </Card>

            {e.scrutineers.length ? (
              <Card title='监票人'>
                <Text className='election__line'>{e.scrutineers.map((s) => `${s.name}（${SCRUTINEER_ROLE_LABEL[s.role]}）`).join('、')}</Text>
              </Card>
            ) : null}

            {round ? (
              <Card title={`第 ${round.number} 轮 · ${ROUND_KIND_LABEL[round.kind]}`}>
                <InfoRow label='发出选票' value={round.issued ?? '—'} />
                <InfoRow label='收回选票' value={round.collected ?? '—'} />
                {round.tally ? <ElectionTallyView tally={round.tally} /> : <Text className='election__line'>计票后显示结果</Text>}
                {round.signatures.length ? <Text className='election__line'>已签字：{round.signatures.map((s) => s.name).join('、')}</Text> : null}
                {round.state === 'counted' ? (
                  <DjButton variant='secondary' className='vote-steps__btn' onClick={() => void Taro.navigateTo({ url: receiptPageUrl(round.boxId) })}>
                    公布的选票记录
                  </DjButton>
                ) : null}
              </Card>
            ) : null}

            {e.rounds.some((r) => r.tally) ? (
              <Card title='计票结果报告单'>
                {e.elected.length ? <Text className='election__line'>当选：{e.elected.map((x) => x.name).join('、')}</Text> : null}
                <View className='election__sheet'>
                  <DjButton variant='secondary' onClick={() => void openSheet('page')}>
                    打印页
                  </DjButton>
                  <DjButton variant='secondary' onClick={() => void openSheet('spreadsheet')}>
                    导出 Excel
                  </DjButton>
                </View>
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={cancelling}
        title='取消选举'
        description={e ? `${e.title}：取消后不能恢复，请填写原因` : undefined}
        placeholder='取消原因（至少 2 个字）'
        confirmText='确认取消'
        minLength={2}
        onConfirm={cancel}
        onClose={() => setCancelling(false)}
      />
    </View>
  );
}
