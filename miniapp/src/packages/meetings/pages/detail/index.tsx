import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttendanceEntry, CheckinResult, LeaveRequest, MeetingAttendance, MeetingDetail, ScreenLink } from '@dangjian/shared';
import { MEETING_STATUS_LABEL, MEETING_TYPE_LABEL, parseMemberCode } from '@dangjian/shared';
import { checkinByMemberCode, confirmCheckin, createScreenLink, manualCheckin, rejectCheckin } from '@/api/checkin';
import { errorMessage } from '@/api/errors';
import { authedUrl } from '@/api/links';
import { approveLeave, getAttendance, getMeeting, listLeaveRequests, refuseLeave, setAbsenceReason, updateMeeting } from '@/api/meetings';
import { Card, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { STATUS_TONE } from '@/components/MeetingRow';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { scanQrCode } from '@/platform/scan';
import { formatDateTime, formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { MemberPicker } from '../../components/MemberPicker';
import { minutesUrl } from '../../routes';
import { AttendancePanel } from './AttendancePanel';
import { MeetingManage } from './MeetingManage';
import { MeetingRecordCards } from './MeetingRecordCards';
import './index.scss';

/** Arrivals are refreshed this often while check-in is possible (the mini-program polls). */
const POLL_MS = 5000;

type Prompt = {
  title: string;
  description?: string;
  placeholder: string;
  confirmText?: string;
  minLength: number;
  run: (text: string) => Promise<void>;
};

/** The counts at the top: from the polled attendance when it has arrived, else from the meeting. */
function statsOf(m: MeetingDetail, a: MeetingAttendance | undefined) {
  const present = a ? a.present.length : m.presentCount;
  const leave = a ? a.onLeave.length : m.onLeaveCount;
  const pending = a ? a.pending.length : m.pendingCount;
  const expected = a ? a.expected : m.expectedCount;
  const missing = a ? a.absent.length + a.notYetArrived.length : Math.max(0, expected - present - leave - pending);
  return [
    { label: '应到', value: expected },
    { label: '已签到', value: present },
    { label: '请假', value: leave },
    { label: '待确认', value: pending },
    { label: m.status === 'ended' ? '缺席' : '未到', value: missing },
  ];
}

const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon, duration: 2500 });
const resultToast = (r: CheckinResult) => toast(`${r.member.name}：${r.message}`, r.status === 'checked_in' ? 'success' : 'none');

export default function MeetingDetailPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id);
  const meeting = useQuery(id || null, () => getMeeting(id));
  const attendance = useQuery(id || null, () => getAttendance(id));
  const leaves = useQuery(id || null, () => listLeaveRequests(id));
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [picking, setPicking] = useState<'chair' | 'recorder' | null>(null);
  const [screen, setScreen] = useState<ScreenLink | null>(null);
  const visible = useRef(true);

  const m = meeting.data;
  // The reload functions are stable; the query objects around them are new on every render.
  const { reload: reloadMeeting } = meeting;
  const { reload: reloadAttendance } = attendance;
  const { reload: reloadLeaves } = leaves;
  const reloadAll = useCallback(
    () => Promise.all([reloadMeeting(), reloadAttendance(), reloadLeaves()]).then(() => undefined),
    [reloadMeeting, reloadAttendance, reloadLeaves],
  );

  // Watch arrivals while check-in is possible: poll the attendance, quietly.
  const live = m && m.status !== 'cancelled' && m.status !== 'ended';
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      if (visible.current) void reloadAttendance();
    }, POLL_MS);
    return () => clearInterval(t);
  }, [live, reloadAttendance]);
  useDidHide(() => {
    visible.current = false;
  });
  const shownOnce = useRef(false);
  useDidShow(() => {
    visible.current = true;
    // Back from the minutes page: the record may have changed.
    if (shownOnce.current) void meeting.reload();
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  const after = async (job: Promise<unknown>) => {
    await job;
    await reloadAll();
  };

  const submitCode = async (code: string) => {
    const r = await checkinByMemberCode(id, code);
    resultToast(r);
    void reloadAll();
  };

  const scanMemberCode = async () => {
    let text: string | null;
    try {
      text = await scanQrCode();
    } catch (e) {
      toast(e instanceof Error ? e.message : '无法打开扫码');
      return;
    }
    if (text === null) return;
    if (!parseMemberCode(text)) {
      toast('这不是党员的个人签到码');
      return;
    }
    try {
      await submitCode(text);
    } catch (e) {
      toast(errorMessage(e));
    }
  };

  const openScreen = async () => {
    try {
      const link = screen && Date.parse(screen.expiresAt) > Date.now() + 60_000 ? screen : await createScreenLink(id);
      setScreen(link);
      await openExternal(link.url, 'page');
    } catch {
      // the client has shown the server's message
    }
  };

  const openExport = async (path: string, kind: 'page' | 'spreadsheet') => {
    try {
      await openExternal(await authedUrl(path, { fresh: true }), kind);
    } catch {
      // the client has shown the server's message
    }
  };

  const actions = {
    confirm: (e: AttendanceEntry) => {
      if (e.checkinId)
        void after(confirmCheckin(id, e.checkinId))
          .then(() => toast(`已确认 ${e.member.name} 的签到`, 'success'))
          .catch(() => undefined);
    },
    reject: (e: AttendanceEntry) =>
      setPrompt({
        title: '驳回离线签到',
        description: `${e.member.name} · 扫码于 ${formatDateTime(e.checkedInAt)}`,
        placeholder: '请填写驳回说明（党员可见）',
        confirmText: '驳回',
        minLength: 2,
        run: (note) => after(rejectCheckin(id, e.checkinId ?? '', { note })),
      }),
    manual: (e: AttendanceEntry) =>
      setPrompt({
        title: '补签',
        description: `为 ${e.member.name} 补签（记录操作人与原因）`,
        placeholder: '请填写补签原因，例如：手机没电，现场核实本人到会',
        confirmText: '确认补签',
        minLength: 2,
        run: async (reason) => {
          const r = await manualCheckin(id, { memberId: e.member.id, reason });
          resultToast(r);
          await reloadAll();
        },
      }),
    absenceReason: (e: AttendanceEntry) =>
      setPrompt({
        title: '登记缺席原因',
        description: e.member.name,
        placeholder: '请填写缺席原因',
        minLength: 2,
        run: (reason) => after(setAbsenceReason(id, e.member.id, { reason })),
      }),
    approveLeave: (l: LeaveRequest) => {
      void after(approveLeave(id, l.id))
        .then(() => toast(`已批准 ${l.member.name} 的请假`, 'success'))
        .catch(() => undefined);
    },
    refuseLeave: (l: LeaveRequest) =>
      setPrompt({
        title: '不批准请假',
        description: `${l.member.name} · 事由：${l.reason}`,
        placeholder: '请填写不批准的理由（党员可见）',
        confirmText: '不批准',
        minLength: 2,
        run: (note) => after(refuseLeave(id, l.id, { note })),
      }),
  };

  const typeCode = () =>
    setPrompt({
      title: '输入个人签到码',
      description: '党员“我的签到码”页面上的 8 位数字',
      placeholder: '8 位数字',
      confirmText: '签到',
      minLength: 8,
      run: (code) => submitCode(code.replace(/\s+/g, '')),
    });

  const setOfficer = async (role: 'chair' | 'recorder', memberId: string) => {
    try {
      await updateMeeting(id, role === 'chair' ? { chairMemberId: memberId } : { recorderMemberId: memberId });
      await meeting.reload();
    } catch {
      // the client has shown the server's message
    }
  };

  const windowOpen = m ? Date.parse(m.checkinOpensAt) <= Date.now() && m.status !== 'cancelled' : false;

  return (
    <View className='page meeting-detail'>
      <StateView loading={meeting.loading} error={meeting.error} ready={m !== undefined} onRetry={() => void reloadAll()}>
        {m ? (
          <>
            <View className='meeting-detail__head'>
              <View className='meeting-detail__tags'>
                <Tag tone='primary'>{MEETING_TYPE_LABEL[m.type]}</Tag>
                <Tag tone={STATUS_TONE[m.status]}>{MEETING_STATUS_LABEL[m.status]}</Tag>
              </View>
              <Text className='meeting-detail__title'>{m.title}</Text>
              <Text className='meeting-detail__line'>{formatMeetingTime(m.startsAt, m.endsAt)}</Text>
              <Text className='meeting-detail__line'>
                {m.place} · {m.organisationName}
              </Text>
              <View className='meeting-detail__stats'>
                {statsOf(m, attendance.data).map((s) => (
                  <View key={s.label} className='meeting-detail__stat'>
                    <Text className='meeting-detail__stat-value' data-stat={s.label}>
                      {s.value}
                    </Text>
                    <Text className='meeting-detail__stat-label'>{s.label}</Text>
                  </View>
                ))}
              </View>
            </View>

            {m.status === 'cancelled' ? <Notice>会议已取消{m.cancelReason ? `：${m.cancelReason}` : ''}</Notice> : null}
            <MeetingManage meeting={m} onChanged={() => void reloadAll()} />

            {m.status !== 'cancelled' ? (
              <View className='meeting-detail__tools'>
                <View className='meeting-detail__tool' onClick={() => void openScreen()}>
                  <Text className='meeting-detail__tool-glyph'>屏</Text>
                  <Text className='meeting-detail__tool-text'>签到大屏</Text>
                </View>
                <View className='meeting-detail__tool' onClick={() => void scanMemberCode()}>
                  <Text className='meeting-detail__tool-glyph'>扫</Text>
                  <Text className='meeting-detail__tool-text'>扫个人码</Text>
                </View>
                <View className='meeting-detail__tool' onClick={typeCode}>
                  <Text className='meeting-detail__tool-glyph'>码</Text>
                  <Text className='meeting-detail__tool-text'>输入数字码</Text>
                </View>
                <View className='meeting-detail__tool' onClick={() => void Taro.navigateTo({ url: minutesUrl(id) })}>
                  <Text className='meeting-detail__tool-glyph'>记</Text>
                  <Text className='meeting-detail__tool-text'>会议记录</Text>
                </View>
              </View>
            ) : null}

            {screen ? (
              <Card title='大屏链接' className='meeting-detail__screen'>
                <Text className='meeting-detail__link' selectable userSelect>
                  {screen.url}
                </Text>
                <Text className='meeting-detail__hint'>在会场电脑的浏览器中打开，无需登录；{formatDateTime(screen.expiresAt)} 前有效。</Text>
                <View className='meeting-detail__row-buttons'>
                  <DjButton variant='secondary' onClick={() => void openExternal(screen.url, 'page')}>
                    打开大屏
                  </DjButton>
                  <DjButton variant='plain' onClick={() => void Taro.setClipboardData({ data: screen.url })}>
                    复制链接
                  </DjButton>
                </View>
              </Card>
            ) : null}

            <StateView loading={attendance.loading} error={attendance.error} ready={attendance.data !== undefined} onRetry={() => void attendance.reload()}>
              {attendance.data ? <AttendancePanel attendance={attendance.data} leaves={leaves.data ?? []} canManual={windowOpen} actions={actions} /> : null}
            </StateView>

            <MeetingRecordCards meeting={m} onPick={setPicking} onExport={(path, kind) => void openExport(path, kind)} />
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={prompt !== null}
        title={prompt?.title ?? ''}
        description={prompt?.description}
        placeholder={prompt?.placeholder ?? ''}
        confirmText={prompt?.confirmText}
        minLength={prompt?.minLength}
        onConfirm={(text) => prompt?.run(text)}
        onClose={() => setPrompt(null)}
      />
      <MemberPicker
        open={picking !== null}
        title={picking === 'chair' ? '选择主持人' : '选择记录人'}
        orgId={m?.organisationId ?? ''}
        onPick={(p) => void setOfficer(picking ?? 'chair', p.id)}
        onClose={() => setPicking(null)}
      />
    </View>
  );
}
