import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { tokenFromScan } from '@dangjian/shared';
import { hasSession } from '@/api/session';
import { DjButton } from '@/components/DjButton';
import { Loading } from '@/components/StateView';
import { scanQrCode } from '@/platform/scan';
import { formatClock, formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { leavePage, meetingPageUrl, scanPageUrl, signInUrl } from '../../routes';
import { checkInWithToken, type ScanOutcome } from './scan-flow';
import './index.scss';

/**
 * The token this page was opened with: `t` (the QR's own URL on H5, or the in-app scanner), or `q`
 * (WeChat's 普通链接二维码 hands the whole scanned URL to the page, encoded).
 */
export function tokenFromParams(params: Record<string, string | undefined>): string | null {
  if (params.t) return tokenFromScan(safeDecode(params.t));
  if (params.q) return tokenFromScan(safeDecode(safeDecode(params.q)));
  return null;
}

type ViewModel = {
  tone: 'success' | 'pending' | 'error';
  mark: string;
  title: string;
  message: string;
  meeting: { id: string; title: string; startsAt: string; endsAt: string; place: string; organisationName: string } | null;
  rows: Array<{ label: string; value: string }>;
  note?: string;
};

/** The confirmation screen's content for each outcome. */
export function viewOf(o: ScanOutcome): ViewModel {
  switch (o.kind) {
    case 'checked_in':
      return {
        tone: 'success',
        mark: 'check',
        title: '签到成功',
        message: o.result.message,
        meeting: o.result.meeting,
        rows: [
          { label: '签到人', value: o.result.member.name },
          { label: '签到时间', value: formatClock(o.result.checkedInAt, true) },
        ],
      };
    case 'already':
      return {
        tone: 'success',
        mark: 'check',
        title: '您已签到',
        message: o.result.message,
        meeting: o.result.meeting,
        rows: [
          { label: '签到人', value: o.result.member.name },
          { label: '首次签到时间', value: formatClock(o.result.checkedInAt, true) },
        ],
      };
    case 'pending':
      return {
        tone: 'pending',
        mark: '待',
        title: '待书记确认',
        message: o.result.message,
        meeting: o.result.meeting,
        rows: [{ label: '扫码时间', value: formatClock(o.result.checkedInAt, true) }],
        note: '离线签到需书记确认后才计为出席。',
      };
    case 'queued':
      return {
        tone: 'pending',
        mark: '待',
        title: '已离线保存，待确认',
        message: '当前网络不可用，签到已保存在手机上，联网后自动提交。',
        meeting: o.meeting,
        rows: [{ label: '扫码时间', value: formatClock(o.entry.scannedAt, true) }],
        note: '提交后需书记确认才计为出席，请留意“会议签到”页中的状态。',
      };
    case 'refused':
      return { tone: 'error', mark: '!', title: '签到未成功', message: o.message, meeting: o.meeting, rows: [] };
  }
}

export default function ScanPage() {
  const { params } = useRouter();
  const [token, setToken] = useState<string | null>(() => tokenFromParams(params));
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  // A re-scan of the very same code (same time step) must still ask the server again.
  const [attempt, setAttempt] = useState(0);
  // One check-in per token, even when the effect runs twice (React's development double effects):
  // a second request would answer "already checked in" instead of "checked in".
  const runs = useRef(new Map<string, Promise<ScanOutcome>>());

  useEffect(() => {
    if (!token) return;
    if (!hasSession()) {
      // Sign in first, then come back here with the same token (it may have expired by then: re-scan).
      void Taro.reLaunch({ url: signInUrl(scanPageUrl(token)) });
      return;
    }
    let run = runs.current.get(token);
    if (!run) {
      run = checkInWithToken(token);
      runs.current.set(token, run);
    }
    let live = true;
    setOutcome(null);
    void run.then((o) => {
      if (live) setOutcome(o);
    });
    return () => {
      live = false;
    };
  }, [token, attempt]);

  const rescan = async () => {
    setScanError(null);
    try {
      const text = await scanQrCode();
      if (text === null) return;
      const next = tokenFromScan(text);
      if (!next) {
        setScanError('这不是会议签到二维码，请扫描会场大屏上的二维码');
        return;
      }
      runs.current.delete(next);
      setOutcome(null);
      setToken(next);
      setAttempt((n) => n + 1);
    } catch (e) {
      setScanError(e instanceof Error ? e.message : '无法打开扫码');
    }
  };

  if (!token) {
    return (
      <View className='page scan'>
        <View className='scan__result scan__result--error'>
          <View className='scan__mark'>!</View>
          <Text className='scan__title'>未识别到签到码</Text>
          <Text className='scan__message'>{scanError ?? '请扫描会场大屏上的签到二维码'}</Text>
        </View>
        <View className='scan__actions'>
          <DjButton onClick={() => void rescan()}>扫码签到</DjButton>
        </View>
      </View>
    );
  }

  if (!outcome) {
    return (
      <View className='page scan'>
        <Loading text='正在签到…' />
      </View>
    );
  }

  const v = viewOf(outcome);
  return (
    <View className='page scan'>
      <View className={`scan__result scan__result--${v.tone}`} data-outcome={outcome.kind}>
        <View className='scan__mark'>{v.mark === 'check' ? <View className='scan__check' /> : v.mark}</View>
        <Text className='scan__title'>{v.title}</Text>
        {v.message && v.message !== v.title ? <Text className='scan__message'>{v.message}</Text> : null}
      </View>
      {v.meeting ? (
        <View className='scan__meeting'>
          <Text className='scan__meeting-title'>{v.meeting.title}</Text>
          <Text className='scan__meeting-line'>{formatMeetingTime(v.meeting.startsAt, v.meeting.endsAt)}</Text>
          <Text className='scan__meeting-line'>
            {v.meeting.place} · {v.meeting.organisationName}
          </Text>
          {v.rows.map((r) => (
            <View key={r.label} className='scan__row'>
              <Text className='scan__row-label'>{r.label}</Text>
              <Text className='scan__row-value'>{r.value}</Text>
            </View>
          ))}
        </View>
      ) : v.rows.length ? (
        <View className='scan__meeting'>
          <Text className='scan__meeting-line'>会议信息将在联网后显示</Text>
          {v.rows.map((r) => (
            <View key={r.label} className='scan__row'>
              <Text className='scan__row-label'>{r.label}</Text>
              <Text className='scan__row-value'>{r.value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {v.note ? <Text className='scan__note'>{v.note}</Text> : null}
      {scanError ? <Text className='scan__note scan__note--error'>{scanError}</Text> : null}
      <View className='scan__actions'>
        {outcome.kind === 'refused' ? (
          <>
            <DjButton onClick={() => void rescan()}>重新扫码</DjButton>
            <DjButton variant='plain' className='scan__second' onClick={leavePage}>
              返回
            </DjButton>
          </>
        ) : (
          <>
            <DjButton onClick={leavePage}>完成</DjButton>
            {v.meeting ? (
              <DjButton variant='secondary' className='scan__second' onClick={() => void Taro.redirectTo({ url: meetingPageUrl(v.meeting?.id ?? '') })}>
                查看会议
              </DjButton>
            ) : null}
          </>
        )}
      </View>
    </View>
  );
}
