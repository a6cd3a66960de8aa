import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LetterStatus, Transfer, TransferAction } from '@dangjian/shared';
import { LETTER_STATUS_LABEL, TRANSFER_ACTION_LABEL } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listSubtreeBranches } from '@/api/orgs';
import { getTransfer, letterPdfUrl, takeTransferStep } from '@/api/transfers';
import { Card, InfoRow, Notice, Tag, type TagTone } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { formatDate } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { FeesNotice } from '../../components/FeesNotice';
import { PickSheet } from '../../components/PickSheet';
import { STATE_TONE, fromName, toName } from '../../components/TransferRow';
import { Timeline } from '../../components/Timeline';
import { ValidityDialog } from '../../components/ValidityDialog';
import { transferResubmitUrl } from '../../routes';
import { timeline } from '../../timeline';
import { buildStep, orderedActions, stepInput, type StepExtras } from '../../transfer-forms';
import '../../transfer.scss';

const CONFIRM_TEXT: Partial<Record<TransferAction, (t: Transfer) => string>> = {
  branch_agree: (t) => `同意${t.member.name}的转接申请，报党委审批？`,
  accept: (t) => `接收${t.member.name}的组织关系转入${t.toOrg?.name ?? ''}？`,
  record_receipt: () => '确认已收到介绍信回执？',
  report: () => '确认已到新党组织报到？报到后转接办结。',
  withdraw: () => '撤回后本次转接结束，需要时可重新申请。确定撤回？',
};

const DONE: Partial<Record<TransferAction, string>> = {
  branch_agree: '已同意',
  approve: '已开具介绍信',
  accept: '已接收',
  record_receipt: '已登记回执',
  report: '已报到',
  refuse: '已拒绝',
  return: '已退回',
  withdraw: '已撤回',
};

/** A used letter is the normal end (the member was accepted); expired and revoked ones need attention. */
const LETTER_TONE: Record<LetterStatus, TagTone> = { valid: 'success', used: 'neutral', expired: 'warning', revoked: 'warning' };

const REASON_TITLE: Partial<Record<TransferAction, string>> = { refuse: '拒绝转接', return: '退回修改' };

/** One transfer: where it stands, who must act, the T3 fees, the letter, and the caller's steps. */
export default function TransferDetailPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id);
  const q = useQuery(id || null, () => getTransfer(id));
  // The transfer as the last step answered it, until the page loads it again.
  const [override, setOverride] = useState<Transfer | null>(null);
  const [asking, setAsking] = useState<TransferAction | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const t = override ?? q.data;

  const reload = () => {
    setOverride(null);
    return q.reload();
  };
  // Back from correcting a returned transfer or paying the fees.
  useDidShow(() => {
    if (q.data) void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  /** Sends a step; dialogs get the rejection to show it in place. */
  const send = async (action: TransferAction, input: StepExtras = {}) => {
    if (!t) return;
    const built = buildStep(action, input);
    if (!built.ok) throw new Error(built.message);
    const next = await takeTransferStep(t.id, built.dto);
    setOverride(next);
    setProblem(null);
    void Taro.showToast({ title: DONE[action] ?? '已办理', icon: 'success' });
  };

  const act = async (action: TransferAction) => {
    if (!t || busy) return;
    const need = stepInput(action, t);
    if (need === 'reason') return setAsking(action);
    if (need === 'branch') return setAssigning(true);
    if (need === 'validity') return setIssuing(true);
    if (need === 'edits') return void Taro.navigateTo({ url: transferResubmitUrl(t.id) });
    const { confirm } = await Taro.showModal({ title: TRANSFER_ACTION_LABEL[action], content: CONFIRM_TEXT[action]?.(t) ?? '确定？', confirmColor: '#c8161d' });
    if (!confirm) return;
    setBusy(true);
    try {
      await send(action);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const openLetter = async () => {
    if (!t?.letter) return;
    await openExternal(await letterPdfUrl(t.letter.pdfPath), 'pdf');
  };

  const actions = t ? orderedActions(t.availableActions) : [];
  const isMember = t ? t.myActors.includes('member') || t.myActors.includes('applicant') : false;

  return (
    <View className={`page transfer-page transfer-detail ${actions.length ? 'transfer-detail--actions' : ''}`}>
      <StateView loading={q.loading} error={q.error} ready={t !== undefined} onRetry={() => void reload()}>
        {t ? (
          <>
            <Card
              className='transfer-detail__head'
              title={t.member.name}
              extra={
                <View className='transfer-row__head'>
                  <Tag tone='neutral'>{t.kindLabel}</Tag>
                  <Tag tone={STATE_TONE[t.state]}>{t.stateLabel}</Tag>
                </View>
              }
            >
              <View className='transfer-route'>
                <View className='transfer-route__end'>
                  <Text className='transfer-route__label'>转出</Text>
                  <Text className='transfer-route__name'>{fromName(t)}</Text>
                </View>
                <Text className='transfer-route__arrow'>→</Text>
                <View className='transfer-route__end'>
                  <Text className='transfer-route__label'>转入</Text>
                  <Text className='transfer-route__name'>{toName(t)}</Text>
                </View>
              </View>
              {t.awaitingLabel ? (
                <Notice tone={t.overdue ? 'warning' : 'info'}>
                  {`下一步：等待${t.awaitingLabel}办理${t.dueOn ? `，期限 ${formatDate(t.dueOn)}` : ''}${t.overdue ? '（已逾期）' : ''}`}
                </Notice>
              ) : null}
              <InfoRow label='转接原因' value={t.reason ?? ''} />
              <InfoRow label='联系电话' value={t.memberPhone ?? ''} />
              {t.fromCommittee ? <InfoRow label='转出党委' value={t.fromCommittee.name} /> : null}
              {t.toCommittee ? <InfoRow label='接收党委' value={t.toCommittee.name} /> : null}
              {t.paperLetterNumber ? <InfoRow label='纸质介绍信编号' value={t.paperLetterNumber} /> : null}
            </Card>

            {t.fees ? <FeesNotice fees={t.fees} canPay={isMember && t.state !== 'completed'} /> : null}

            {t.letter ? (
              <Card title='介绍信' extra={<Tag tone={LETTER_TONE[t.letter.status]}>{LETTER_STATUS_LABEL[t.letter.status]}</Tag>}>
                <InfoRow label='编号' value={t.letter.number} />
                <InfoRow label='开具日期' value={formatDate(t.letter.issuedOn)} />
                <InfoRow label='有效期至' value={`${formatDate(t.letter.validUntil)}（${t.letter.validityDays} 天）`} />
                <View className='transfer-detail__letter'>
                  <DjButton variant='secondary' className='transfer-detail__pdf' onClick={() => void openLetter()}>
                    {isMember ? '下载介绍信（PDF）' : '打印介绍信（PDF）'}
                  </DjButton>
                </View>
              </Card>
            ) : null}

            <Card title='办理进度'>
              <Timeline items={timeline(t)} />
            </Card>

            {problem ? <Notice tone='warning'>{problem}</Notice> : null}

            {actions.length ? (
              <View className='transfer-actions'>
                {actions.map((a) => (
                  <DjButton
                    key={a}
                    className={`transfer-action transfer-action--${a}`}
                    variant={a === 'refuse' || a === 'return' || a === 'withdraw' ? 'secondary' : 'primary'}
                    loading={busy}
                    onClick={() => void act(a)}
                  >
                    {TRANSFER_ACTION_LABEL[a]}
                  </DjButton>
                ))}
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={asking !== null}
        title={asking ? (REASON_TITLE[asking] ?? TRANSFER_ACTION_LABEL[asking]) : ''}
        description={t ? `${t.member.name} · ${t.kindLabel}` : undefined}
        placeholder={asking === 'return' ? '请写明需要修改的内容' : '请填写拒绝原因'}
        confirmText={asking ? TRANSFER_ACTION_LABEL[asking] : '确定'}
        minLength={2}
        onConfirm={(reason) => (asking ? send(asking, { reason }) : undefined)}
        onClose={() => setAsking(null)}
      />
      <ValidityDialog
        open={issuing}
        days={t?.validityDays ?? 30}
        description={t ? `${t.member.name} · ${toName(t)}。党费须已交纳至转出当月。` : ''}
        onConfirm={(validityDays) => send('approve', { validityDays })}
        onClose={() => setIssuing(false)}
      />
      <PickSheet
        open={assigning}
        title='分配党支部'
        searchPlaceholder='搜索党支部名称'
        emptyText='接收党委下没有该党支部'
        load={async (q) => (t?.toCommittee ? listSubtreeBranches(t.toCommittee.id, q) : [])}
        onPick={(o) => {
          setBusy(true);
          send('accept', { assignOrgId: o.id })
            .catch((e: unknown) => setProblem(errorMessage(e)))
            .finally(() => setBusy(false));
        }}
        onClose={() => setAssigning(false)}
      />
    </View>
  );
}
