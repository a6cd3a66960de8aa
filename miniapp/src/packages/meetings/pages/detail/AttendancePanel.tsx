import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { AttendanceEntry, LeaveRequest, MeetingAttendance } from '@dangjian/shared';
import { CHECKIN_METHOD_LABEL, LEAVE_STATUS_LABEL } from '@dangjian/shared';
import { Avatar, Card, Tag } from '@/components/Card';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState } from '@/components/StateView';
import { formatClock, formatDateTime } from '@/utils/format';

export type AttendanceTab = 'present' | 'pending' | 'leave' | 'missing';

export type AttendanceActions = {
  confirm: (e: AttendanceEntry) => void;
  reject: (e: AttendanceEntry) => void;
  manual: (e: AttendanceEntry) => void;
  absenceReason: (e: AttendanceEntry) => void;
  approveLeave: (l: LeaveRequest) => void;
  refuseLeave: (l: LeaveRequest) => void;
};

function Action({ children, tone = 'primary', onClick }: { children: string; tone?: 'primary' | 'plain'; onClick: () => void }) {
  return (
    <Text className={`att-action att-action--${tone}`} onClick={onClick}>
      {children}
    </Text>
  );
}

function Person({ e, sub, children }: { e: AttendanceEntry; sub: string; children?: ReactNode }) {
  return (
    <View className='att-row' data-member-id={e.member.id}>
      <Avatar name={e.member.name} />
      <View className='att-row__body'>
        <View className='att-row__line'>
          <Text className='att-row__name'>{e.member.name}</Text>
          {e.isGuest ? <Tag tone='gold'>列席</Tag> : null}
        </View>
        <Text className='att-row__sub'>{sub}</Text>
      </View>
      {children ? <View className='att-row__actions'>{children}</View> : null}
    </View>
  );
}

type Props = {
  attendance: MeetingAttendance;
  leaves: LeaveRequest[];
  /** 补签 is possible once the check-in window has opened; absence reasons once the meeting is over. */
  canManual: boolean;
  actions: AttendanceActions;
};

/** Who is here, pending, on leave and missing, with the secretary's actions on each (C2–C4). */
export function AttendancePanel({ attendance: a, leaves, canManual, actions }: Props) {
  const missing = [...a.absent, ...a.notYetArrived];
  const pendingLeaves = leaves.filter((l) => l.status === 'pending').length;
  const tabs: ReadonlyArray<SegmentOption<AttendanceTab>> = [
    { value: 'present', label: `已签到 ${a.present.length}` },
    { value: 'pending', label: `待确认 ${a.pending.length}` },
    { value: 'leave', label: `请假 ${a.onLeave.length}${pendingLeaves ? ` · ${pendingLeaves} 人待批` : ''}` },
    { value: 'missing', label: `未签到 ${missing.length}` },
  ];
  const [tab, setTab] = useState<AttendanceTab>(a.pending.length ? 'pending' : 'present');

  let body: ReactNode;
  if (tab === 'present') {
    body = a.present.length ? (
      a.present.map((e, i) => (
        <Person
          key={e.member.id}
          e={e}
          sub={`${i + 1}. ${formatClock(e.checkedInAt, true)} · ${e.method ? CHECKIN_METHOD_LABEL[e.method] : ''}${e.checkinNote ? ` · ${e.checkinNote}` : ''}`}
        />
      ))
    ) : (
      <EmptyState title='还没有人签到' />
    );
  } else if (tab === 'pending') {
    body = a.pending.length ? (
      a.pending.map((e) => (
        <Person key={e.member.id} e={e} sub={`离线扫码 ${formatDateTime(e.checkedInAt)}`}>
          <Action onClick={() => actions.confirm(e)}>确认</Action>
          <Action tone='plain' onClick={() => actions.reject(e)}>
            驳回
          </Action>
        </Person>
      ))
    ) : (
      <EmptyState title='没有待确认的离线签到' />
    );
  } else if (tab === 'leave') {
    body = leaves.length ? (
      leaves.map((l) => (
        <View key={l.id} className='att-row' data-leave-id={l.id}>
          <Avatar name={l.member.name} />
          <View className='att-row__body'>
            <View className='att-row__line'>
              <Text className='att-row__name'>{l.member.name}</Text>
              <Tag tone={l.status === 'approved' ? 'success' : l.status === 'pending' ? 'gold' : 'neutral'}>{LEAVE_STATUS_LABEL[l.status]}</Tag>
            </View>
            <Text className='att-row__sub'>事由：{l.reason}</Text>
            {l.decisionNote ? <Text className='att-row__sub'>意见：{l.decisionNote}</Text> : null}
          </View>
          {l.status === 'pending' ? (
            <View className='att-row__actions'>
              <Action onClick={() => actions.approveLeave(l)}>批准</Action>
              <Action tone='plain' onClick={() => actions.refuseLeave(l)}>
                不批准
              </Action>
            </View>
          ) : null}
        </View>
      ))
    ) : (
      <EmptyState title='没有请假申请' />
    );
  } else {
    body = missing.length ? (
      missing.map((e) => (
        <Person key={e.member.id} e={e} sub={e.absenceReason ? `缺席原因：${e.absenceReason}` : e.state === 'absent' ? '缺席，未登记原因' : e.organisationName}>
          {canManual ? <Action onClick={() => actions.manual(e)}>补签</Action> : null}
          {e.state === 'absent' && !e.absenceReason ? (
            <Action tone='plain' onClick={() => actions.absenceReason(e)}>
              登记原因
            </Action>
          ) : null}
        </Person>
      ))
    ) : (
      <EmptyState title='应到人员均已签到或请假' />
    );
  }

  return (
    <Card title='签到情况' className='att-panel'>
      <View className='att-panel__tabs'>
        <Segmented options={tabs} value={tab} onChange={setTab} />
      </View>
      {body}
    </Card>
  );
}
