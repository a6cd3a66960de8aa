import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MeetingDetail } from '@dangjian/shared';
import { ATTENDANCE_STATE_LABEL, CHECKIN_METHOD_LABEL, LEAVE_STATUS_LABEL, MEETING_STATUS_LABEL, MEETING_TYPE_LABEL } from '@dangjian/shared';
import { getMeeting, requestLeave, withdrawLeave } from '@/api/meetings';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { STATUS_TONE } from '@/components/MeetingRow';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime, formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { scanToCheckin } from '../../scan-to-checkin';
import { ATTENDANCE_TONE } from '../../tones';
import './index.scss';

/** What the member may do at this moment, from the meeting and their own standing. */
export function memberActions(m: MeetingDetail) {
  const mine = m.myAttendance;
  const open = m.status !== 'cancelled' && m.status !== 'ended';
  const checkedIn = mine?.state === 'present' || mine?.state === 'pending_confirmation';
  const leave = mine?.leave ?? null;
  const leaveOpen = !leave || leave.status === 'withdrawn';
  return {
    canScan: open && !!mine && !checkedIn && mine.state !== 'on_leave',
    canRequestLeave: m.status === 'scheduled' && !!mine && !checkedIn && leaveOpen,
    canWithdrawLeave: m.status === 'scheduled' && leave?.status === 'pending',
  };
}

export default function MemberMeetingPage() {
  const { params } = useRouter();
  const id = safeDecode(params.id) || null;
  const q = useQuery(id, () => getMeeting(id ?? ''));
  const [asking, setAsking] = useState(false);

  usePullDownRefresh(() => {
    void q.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const m = q.data;
  const actions = m ? memberActions(m) : null;
  const mine = m?.myAttendance ?? null;

  const withdraw = async () => {
    if (!m || !mine?.leave) return;
    const { confirm } = await Taro.showModal({ title: '撤回请假', content: '确定撤回这次请假申请吗？', confirmColor: '#c8161d' });
    if (!confirm) return;
    try {
      await withdrawLeave(m.id, mine.leave.id);
    } catch {
      return; // the client has shown the server's message
    }
    void Taro.showToast({ title: '已撤回', icon: 'success' });
    await q.reload();
  };

  return (
    <View className='page member-meeting'>
      <StateView loading={q.loading} error={q.error} ready={m !== undefined} onRetry={() => void q.reload()}>
        {m ? (
          <>
            <View className='member-meeting__head'>
              <View className='member-meeting__tags'>
                <Tag tone='primary'>{MEETING_TYPE_LABEL[m.type]}</Tag>
                <Tag tone={STATUS_TONE[m.status]}>{MEETING_STATUS_LABEL[m.status]}</Tag>
              </View>
              <Text className='member-meeting__title'>{m.title}</Text>
              <Text className='member-meeting__line'>{formatMeetingTime(m.startsAt, m.endsAt)}</Text>
              <Text className='member-meeting__line'>
                {m.place} · {m.organisationName}
              </Text>
            </View>

            {m.status === 'cancelled' ? <Notice>会议已取消{m.cancelReason ? `：${m.cancelReason}` : ''}</Notice> : null}

            {mine ? (
              <Card title='我的参会' extra={<Tag tone={ATTENDANCE_TONE[mine.state]}>{ATTENDANCE_STATE_LABEL[mine.state]}</Tag>}>
                {mine.checkedInAt ? <InfoRow label='签到时间' value={formatDateTime(mine.checkedInAt)} /> : null}
                {mine.method ? <InfoRow label='签到方式' value={CHECKIN_METHOD_LABEL[mine.method]} /> : null}
                {mine.state === 'pending_confirmation' ? <InfoRow label='说明' value='离线签到，待书记确认' /> : null}
                {mine.isGuest ? <InfoRow label='身份' value='列席（无表决权）' /> : null}
                {mine.leave ? (
                  <>
                    <InfoRow label='请假' value={LEAVE_STATUS_LABEL[mine.leave.status]} />
                    <InfoRow label='请假事由' value={mine.leave.reason} />
                    {mine.leave.decisionNote ? <InfoRow label='审批意见' value={mine.leave.decisionNote} /> : null}
                  </>
                ) : null}
                <InfoRow label='签到时段' value={formatMeetingTime(m.checkinOpensAt, m.checkinClosesAt)} />
                {m.geofence ? <InfoRow label='定位签到' value={`需在会场 ${m.geofence.radiusM} 米范围内`} /> : null}
              </Card>
            ) : (
              <Notice tone='info'>您不是本次会议的应到人员。</Notice>
            )}

            {actions && (actions.canScan || actions.canRequestLeave || actions.canWithdrawLeave) ? (
              <View className='member-meeting__actions'>
                {actions.canScan ? <DjButton onClick={() => void scanToCheckin()}>扫码签到</DjButton> : null}
                {actions.canRequestLeave ? (
                  <DjButton variant='secondary' onClick={() => setAsking(true)}>
                    请假
                  </DjButton>
                ) : null}
                {actions.canWithdrawLeave ? (
                  <DjButton variant='plain' onClick={() => void withdraw()}>
                    撤回请假
                  </DjButton>
                ) : null}
              </View>
            ) : null}

            <Card title='会议信息'>
              <InfoRow label='主持人' value={m.chair?.name ?? null} />
              <InfoRow label='记录人' value={m.recorder?.name ?? null} />
              <InfoRow label='应到人数' value={`${m.expectedCount} 人`} />
            </Card>
            {m.agenda ? (
              <Card title='会议议程'>
                <Text className='member-meeting__agenda'>{m.agenda}</Text>
              </Card>
            ) : null}
            {m.canManage ? (
              <View className='member-meeting__actions'>
                <DjButton variant='plain' onClick={() => void Taro.navigateTo({ url: `/packages/meetings/pages/detail/index?id=${encodeURIComponent(m.id)}` })}>
                  进入会议管理
                </DjButton>
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
      <PromptDialog
        open={asking}
        title='请假'
        description={m ? `${m.title} · ${formatMeetingTime(m.startsAt, m.endsAt)}` : undefined}
        placeholder='请填写请假事由（至少 2 个字）'
        confirmText='提交请假'
        minLength={2}
        onClose={() => setAsking(false)}
        onConfirm={async (reason) => {
          await requestLeave(m?.id ?? '', { reason });
          void Taro.showToast({ title: '已提交，待书记审批', icon: 'none' });
          void q.reload();
        }}
      />
    </View>
  );
}
