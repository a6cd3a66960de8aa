import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { BallotMark, BallotView, CastResult } from '@dangjian/shared';
import { BALLOT_MARK_LABEL, ELECTION_KIND_LABEL, MOTION_KIND_LABEL, ROUND_KIND_LABEL, ballotTokenFromScan } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { hasSession } from '@/api/session';
import { castBallot, openBallot } from '@/api/vote';
import { Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Loading } from '@/components/StateView';
import { scanQrCode } from '@/platform/scan';
import { safeDecode } from '@/utils/qr';
import { canWriteIn, emptyForm, reviewBallot, setMark, setWriteIn, toBallotInput, type BallotForm } from '../../ballot-form';
import { ballotPageUrl, keepReceipt, receiptPageUrl, signInUrl } from '../../routes';
import './index.scss';

const MARKS: BallotMark[] = ['for', 'against', 'abstain'];

/** `b` (the QR's own URL or the in-app scanner) or `q` (WeChat's 普通链接二维码 passes the whole URL). */
export function ballotTokenFromParams(params: Record<string, string | undefined>): string | null {
  if (params.b) return ballotTokenFromScan(`?b=${params.b}`) ?? ballotTokenFromScan(safeDecode(params.b));
  if (params.q) return ballotTokenFromScan(safeDecode(safeDecode(params.q)));
  return null;
}

type Step = 'mark' | 'review' | 'done';

export default function BallotPage() {
  const { params } = useRouter();
  const [token, setToken] = useState<string | null>(() => ballotTokenFromParams(params));
  const [view, setView] = useState<BallotView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [form, setForm] = useState<BallotForm>(emptyForm);
  const [choice, setChoice] = useState<BallotMark | null>(null);
  const [step, setStep] = useState<Step>('mark');
  const [sending, setSending] = useState(false);
  const [castError, setCastError] = useState<string | null>(null);
  const [result, setResult] = useState<CastResult | null>(null);
  const opened = useRef(new Map<string, Promise<BallotView>>());

  useEffect(() => {
    if (!token) return;
    if (!hasSession()) {
      void Taro.reLaunch({ url: signInUrl(ballotPageUrl(token)) });
      return;
    }
    let run = opened.current.get(token);
    if (!run) {
      run = openBallot(token);
      opened.current.set(token, run);
    }
    let live = true;
    setView(null);
    setOpenError(null);
    run.then(
      (v) => live && setView(v),
      (e: unknown) => live && setOpenError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const rescan = async () => {
    try {
      const text = await scanQrCode();
      if (text === null) return;
      const next = ballotTokenFromScan(text);
      if (!next) {
        setOpenError('这不是投票二维码，请扫描会场大屏上的投票二维码');
        return;
      }
      opened.current.delete(next);
      setForm(emptyForm());
      setChoice(null);
      setStep('mark');
      setToken(next);
    } catch (e) {
      setOpenError(e instanceof Error ? e.message : '无法打开扫码');
    }
  };

  if (!token || openError) {
    return (
      <View className='page ballot'>
        <View className='ballot__status ballot__status--error'>
          <Text className='ballot__status-title'>{token ? '无法打开选票' : '未识别到投票二维码'}</Text>
          <Text className='ballot__status-text'>{openError ?? '请扫描会场大屏上的投票二维码'}</Text>
        </View>
        <DjButton onClick={() => void rescan()}>扫码投票</DjButton>
      </View>
    );
  }
  if (!view) return <Loading text='正在打开选票…' />;

  const election = view.election;
  const motion = view.motion;
  const review = election ? reviewBallot(form, election.candidates, election.seats, election.writeInsAllowed) : null;

  const submit = async () => {
    setSending(true);
    setCastError(null);
    try {
      const body = election ? { pass: view.pass, ...toBallotInput(form, election.candidates) } : { pass: view.pass, choice: choice ?? 'abstain' };
      const r = await castBallot(body);
      keepReceipt({ boxId: r.boxId, receipt: r.receipt, title: view.title, at: new Date().toISOString() });
      setResult(r);
      setStep('done');
    } catch (e) {
      setCastError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  if (step === 'done' && result) {
    return (
      <View className='page ballot'>
        <View className='ballot__status ballot__status--success'>
          <Text className='ballot__status-title'>投票成功</Text>
          <Text className='ballot__status-text'>{result.message}</Text>
        </View>
        <View className='ballot__receipt-box'>
          <Text className='ballot__receipt-label'>投票回执码</Text>
          <Text className='ballot__receipt' data-receipt={result.receipt} userSelect>
            {result.receipt}
          </Text>
          <Text className='ballot__receipt-note'>
            请记下回执码（已保存在本机）。计票后公布的记录中会列出全部回执码，您可核对自己的选票已被计入。回执码不与您的身份关联。
          </Text>
        </View>
        <DjButton onClick={() => void Taro.navigateTo({ url: receiptPageUrl(result.boxId, result.receipt) })}>查验回执</DjButton>
      </View>
    );
  }

  const header = (
    <View className='ballot__head'>
      <Text className='ballot__title'>{view.title}</Text>
      <Text className='ballot__sub'>
        {view.organisationName} · {view.meetingTitle}
      </Text>
      {election ? (
        <Text className='ballot__sub'>
          {ELECTION_KIND_LABEL[election.kind]} · {ROUND_KIND_LABEL[election.roundKind]} · 应选 {election.seats} 名
        </Text>
      ) : motion ? (
        <Text className='ballot__sub'>{MOTION_KIND_LABEL[motion.kind]}</Text>
      ) : null}
    </View>
  );

  if (step === 'review') {
    return (
      <View className='page ballot'>
        {header}
        <Text className='section-title'>请核对您的选票</Text>
        <View className='ballot__card'>
          {election ? (
            election.candidates.map((c) => {
              const mark = form.marks[c.id];
              const w = mark === 'against' ? form.writeIns[c.id]?.trim() : '';
              return (
                <View key={c.id} className='ballot__review-row'>
                  <Text className='ballot__name'>{c.name}</Text>
                  <Text className={`ballot__review-mark ballot__review-mark--${mark ?? 'none'}`}>{mark ? BALLOT_MARK_LABEL[mark] : '未标记（按弃权计）'}</Text>
                  {w ? <Text className='ballot__review-writein'>另选：{w}</Text> : null}
                </View>
              );
            })
          ) : (
            <View className='ballot__review-row'>
              <Text className='ballot__name'>表决意见</Text>
              <Text className={`ballot__review-mark ballot__review-mark--${choice ?? 'none'}`}>
                {choice ? BALLOT_MARK_LABEL[choice] : '未选择（按弃权计）'}
              </Text>
            </View>
          )}
        </View>
        {review?.problems.length ? <Notice>{review.problems.join('；')}</Notice> : null}
        {review?.invalidWarning ? (
          <View className='ballot__warning' data-warning='E8'>
            <Text className='ballot__warning-title'>这张选票将是无效票</Text>
            <Text>{review.invalidWarning}。如需修改请点“返回修改”。</Text>
          </View>
        ) : null}
        {castError ? <Notice>{castError}</Notice> : null}
        <Text className='ballot__secret'>选票不记录投票人、时间和顺序；提交后不能更改。</Text>
        <DjButton loading={sending} disabled={!!review?.problems.length} onClick={() => void submit()}>
          {review?.invalidWarning ? '仍然提交' : '确认提交'}
        </DjButton>
        <DjButton variant='plain' className='ballot__second' onClick={() => setStep('mark')}>
          返回修改
        </DjButton>
      </View>
    );
  }

  return (
    <View className='page ballot'>
      {header}
      {election ? (
        <>
          <Notice tone='info'>
            对每位候选人选择“赞成”“不赞成”或“弃权”。赞成票与另选他人合计不得超过 {election.seats} 名，否则为无效票。
            {election.writeInsAllowed ? '不赞成某候选人时，可在其下方另选他人。' : ''}
          </Notice>
          {election.candidates.map((c) => (
            <View key={c.id} className='ballot__card ballot__candidate' data-candidate={c.name}>
              <View className='ballot__cand-head'>
                <Text className='ballot__order'>{c.order}</Text>
                <Text className='ballot__name'>{c.name}</Text>
              </View>
              <Text className='ballot__intro'>{c.introduction}</Text>
              <View className='ballot__marks'>
                {MARKS.map((m) => (
                  <View
                    key={m}
                    className={`ballot__mark ballot__mark--${m} ${form.marks[c.id] === m ? 'ballot__mark--on' : ''}`}
                    onClick={() => setForm((f) => setMark(f, c.id, m))}
                  >
                    {BALLOT_MARK_LABEL[m]}
                  </View>
                ))}
              </View>
              {canWriteIn(form, c.id, election.writeInsAllowed) ? (
                <View className='ballot__writein'>
                  <Text className='ballot__writein-label'>另选他人（可不填）</Text>
                  <Input
                    className='ballot__writein-input'
                    value={form.writeIns[c.id] ?? ''}
                    maxlength={50}
                    placeholder='填写另选人姓名'
                    onInput={(e) => {
                      const v = e.detail.value;
                      setForm((f) => setWriteIn(f, c.id, v));
                    }}
                  />
                </View>
              ) : null}
            </View>
          ))}
          {review?.invalidWarning ? (
            <View className='ballot__warning' data-warning='E8'>
              <Text>{review.invalidWarning}</Text>
            </View>
          ) : null}
        </>
      ) : motion ? (
        <View className='ballot__card'>
          {motion.applicant ? <Text className='ballot__name'>申请人：{motion.applicant.name}</Text> : null}
          {motion.description ? <Text className='ballot__intro'>{motion.description}</Text> : null}
          <View className='ballot__marks'>
            {MARKS.map((m) => (
              <View key={m} className={`ballot__mark ballot__mark--${m} ${choice === m ? 'ballot__mark--on' : ''}`} onClick={() => setChoice(m)}>
                {BALLOT_MARK_LABEL[m]}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <DjButton className='ballot__next' onClick={() => setStep('review')}>
        核对选票
      </DjButton>
    </View>
  );
}
