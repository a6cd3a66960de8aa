import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { LeaveRequest } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { meetingDetail, MEETING_ID, memberMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MemberMeetingPage, { memberActions } from './index';

const base = `/api/v1/meetings/${MEETING_ID}`;
const leave = (status: LeaveRequest['status']): LeaveRequest => ({
  id: '00000000-0000-4000-8000-0000000000e1',
  meetingId: MEETING_ID,
  member: { id: memberMe.memberId ?? '', name: '李明' },
  reason: '出差',
  status,
  requestedAt: '2026-11-21T05:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decisionNote: status === 'refused' ? '支部大会需全员参加' : null,
});
const mine = (over: Partial<NonNullable<ReturnType<typeof meetingDetail>['myAttendance']>>) => ({
  state: 'upcoming' as const,
  isGuest: false,
  canVote: true,
  checkedInAt: null,
  method: null,
  leave: null,
  ...over,
});

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ id: MEETING_ID });
});

describe(memberActions.name, () => {
  it('offers leave before the meeting and scanning while it can be attended', () => {
    expect(memberActions(meetingDetail({ status: 'scheduled', myAttendance: mine({}) }))).toEqual({
      canScan: true,
      canRequestLeave: true,
      canWithdrawLeave: false,
    });
    expect(memberActions(meetingDetail({ status: 'in_progress', myAttendance: mine({}) }))).toEqual({
      canScan: true,
      canRequestLeave: false,
      canWithdrawLeave: false,
    });
    expect(memberActions(meetingDetail({ status: 'scheduled', myAttendance: mine({ state: 'leave_pending', leave: leave('pending') }) }))).toEqual({
      canScan: true,
      canRequestLeave: false,
      canWithdrawLeave: true,
    });
    expect(memberActions(meetingDetail({ status: 'scheduled', myAttendance: mine({ state: 'on_leave', leave: leave('approved') }) })).canScan).toBe(false);
    expect(memberActions(meetingDetail({ status: 'in_progress', myAttendance: mine({ state: 'present' }) })).canScan).toBe(false);
    expect(memberActions(meetingDetail({ status: 'ended', myAttendance: mine({ state: 'absent' }) }))).toEqual({
      canScan: false,
      canRequestLeave: false,
      canWithdrawLeave: false,
    });
  });
});

describe('MemberMeetingPage', () => {
  it('asks for leave with a reason', async () => {
    mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ status: 'scheduled', myAttendance: mine({}) }) });
    mockRoute(`POST ${base}/leave`, { status: 201, body: leave('pending') });
    render(<MemberMeetingPage />);

    fireEvent.click(await screen.findByText('请假'));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '出差在外地' } });
    fireEvent.click(within(dialog).getByText('提交请假'));

    await waitFor(() => expect(requests.find((r) => r.method === 'POST' && r.path === `${base}/leave`)?.data).toEqual({ reason: '出差在外地' }));
  });

  it('shows a pending offline scan as 待确认 and a refused leave with the secretary’s note', async () => {
    mockRoute(`GET ${base}`, {
      status: 200,
      body: meetingDetail({
        myAttendance: mine({ state: 'pending_confirmation', checkedInAt: '2026-11-22T05:50:00.000Z', method: 'offline_qr', leave: leave('refused') }),
      }),
    });
    render(<MemberMeetingPage />);

    expect(await screen.findByText('待确认')).toBeTruthy();
    expect(screen.getByText('离线签到，待书记确认')).toBeTruthy();
    expect(screen.getByText('支部大会需全员参加')).toBeTruthy();
    expect(screen.queryByText('扫码签到')).toBeNull();
  });

  it('tells a reader who is not expected', async () => {
    mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ myAttendance: null, canManage: true }) });
    render(<MemberMeetingPage />);
    expect(await screen.findByText('您不是本次会议的应到人员。')).toBeTruthy();
    expect(screen.getByText('进入会议管理')).toBeTruthy();
  });
});
