import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AttendanceEntry, LeaveRequest, MeetingAttendance } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { checkinResult, meetingDetail, MEETING_ID } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MeetingDetailPage from './index';

const base = `/api/v1/meetings/${MEETING_ID}`;
const entry = (name: string, overrides: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  member: { id: '00000000-0000-4000-8000-000000000099', name },
  organisationName: '第一党支部',
  isGuest: false,
  canVote: true,
  state: 'upcoming',
  checkinId: null,
  checkedInAt: null,
  method: null,
  checkinNote: null,
  leaveId: null,
  leaveReason: null,
  absenceReason: null,
  ...overrides,
});
const ZHANG = entry('张三', { member: { id: '00000000-0000-4000-8000-000000000001', name: '张三' } });
const LI = entry('李四', {
  member: { id: '00000000-0000-4000-8000-000000000002', name: '李四' },
  state: 'pending_confirmation',
  checkinId: '00000000-0000-4000-8000-0000000000c1',
  checkedInAt: '2026-11-22T05:50:00.000Z',
  method: 'offline_qr',
});
const LEAVE: LeaveRequest = {
  id: '00000000-0000-4000-8000-0000000000e1',
  meetingId: MEETING_ID,
  member: { id: '00000000-0000-4000-8000-000000000003', name: '王五' },
  reason: '出差在外地',
  status: 'pending',
  requestedAt: '2026-11-21T05:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decisionNote: null,
};
const attendance = (overrides: Partial<MeetingAttendance> = {}): MeetingAttendance => ({
  meetingId: MEETING_ID,
  expected: 3,
  present: [],
  pending: [LI],
  onLeave: [],
  absent: [],
  notYetArrived: [ZHANG],
  ...overrides,
});
const posted = (path: string) => requests.filter((r) => r.method === 'POST' && r.path === `${base}${path}`);

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ id: MEETING_ID });
  mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ canManage: true, checkinOpensAt: '2020-01-01T00:00:00.000Z', pendingCount: 1 }) });
  mockRoute(`GET ${base}/attendance`, { status: 200, body: attendance() });
  mockRoute(`GET ${base}/leave-requests`, { status: 200, body: [LEAVE] });
});

describe('MeetingDetailPage (secretary)', () => {
  it('opens on the pending offline scans and confirms one', async () => {
    mockRoute(`POST ${base}/checkins/${LI.checkinId}/confirm`, { status: 200, body: checkinResult({ message: '已确认该离线签到' }) });
    render(<MeetingDetailPage />);

    expect(await screen.findByText('李四')).toBeTruthy();
    expect(screen.getByText(/离线扫码/)).toBeTruthy();
    fireEvent.click(screen.getByText('确认'));

    await waitFor(() => expect(posted(`/checkins/${LI.checkinId}/confirm`)).toHaveLength(1));
  });

  it('rejects a pending scan only with a note the member sees', async () => {
    mockRoute(`POST ${base}/checkins/${LI.checkinId}/reject`, { status: 200, body: checkinResult() });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('驳回'));

    const dialog = screen.getByRole('dialog');
    const submit = within(dialog).getByText('驳回');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '当天未见本人到场' } });
    fireEvent.click(submit);

    await waitFor(() => expect(posted(`/checkins/${LI.checkinId}/reject`)[0]?.data).toEqual({ note: '当天未见本人到场' }));
  });

  it('checks a member in by hand (补签) with the reason', async () => {
    mockRoute(`POST ${base}/checkins/manual`, { status: 200, body: checkinResult({ member: { id: ZHANG.member.id, name: '张三' }, method: 'manual' }) });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('未签到 1'));
    fireEvent.click(screen.getByText('补签'));

    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('为 张三 补签（记录操作人与原因）')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '手机没电，现场核实本人到会' } });
    fireEvent.click(within(dialog).getByText('确认补签'));

    await waitFor(() => expect(posted('/checkins/manual')[0]?.data).toEqual({ memberId: ZHANG.member.id, reason: '手机没电，现场核实本人到会' }));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '张三：签到成功' })));
  });

  it('shows a refused 补签 inside the dialog', async () => {
    mockRoute(`POST ${base}/checkins/manual`, { status: 422, body: { code: 'CHECKIN_WINDOW_NOT_OPEN', message: '签到尚未开始' } });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('未签到 1'));
    fireEvent.click(screen.getByText('补签'));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '现场核实' } });
    fireEvent.click(within(dialog).getByText('确认补签'));

    expect(await within(dialog).findByText('签到尚未开始')).toBeTruthy();
  });

  it('approves and refuses leave', async () => {
    mockRoute(`POST ${base}/leave-requests/${LEAVE.id}/approve`, { status: 200, body: { ...LEAVE, status: 'approved' } });
    mockRoute(`POST ${base}/leave-requests/${LEAVE.id}/refuse`, { status: 200, body: { ...LEAVE, status: 'refused' } });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('请假 0 · 1 人待批'));
    expect(screen.getByText('事由：出差在外地')).toBeTruthy();

    fireEvent.click(screen.getByText('批准'));
    await waitFor(() => expect(posted(`/leave-requests/${LEAVE.id}/approve`)).toHaveLength(1));

    fireEvent.click(screen.getByText('不批准'));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '支部大会需全员参加' } });
    fireEvent.click(within(dialog).getByText('不批准'));
    await waitFor(() => expect(posted(`/leave-requests/${LEAVE.id}/refuse`)[0]?.data).toEqual({ note: '支部大会需全员参加' }));
  });

  it('checks in a member by the typed digits of their personal code (reverse mode)', async () => {
    mockRoute(`POST ${base}/checkin/member-code`, { status: 200, body: checkinResult({ method: 'personal_code' }) });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('输入数字码'));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '1234 5678' } });
    fireEvent.click(within(dialog).getByText('签到'));

    await waitFor(() => expect(posted('/checkin/member-code')[0]?.data).toEqual({ code: '12345678' }));
  });

  it('records why an absentee was absent once the meeting is over (C2)', async () => {
    mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ status: 'ended', canManage: true }) });
    mockRoute(`GET ${base}/attendance`, { status: 200, body: attendance({ pending: [], notYetArrived: [], absent: [{ ...ZHANG, state: 'absent' }] }) });
    mockRoute(`PUT ${base}/absences/${ZHANG.member.id}`, { status: 200, body: { memberId: ZHANG.member.id, absenceReason: '因病住院' } });
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('未签到 1'));
    expect(screen.getByText('缺席，未登记原因')).toBeTruthy();
    fireEvent.click(screen.getByText('登记原因'));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: '因病住院' } });
    fireEvent.click(within(dialog).getByText('确定'));

    await waitFor(() => expect(requests.find((r) => r.method === 'PUT')?.data).toEqual({ reason: '因病住院' }));
  });

  it('opens the screen with a fresh screen link', async () => {
    const url = `http://127.0.0.1:3000/#/checkin/screen?id=${MEETING_ID}&s=s1.k1.x`;
    mockRoute(`POST ${base}/screen-link`, { status: 200, body: { token: 's1.k1.x', url, expiresAt: '2099-01-01T00:00:00.000Z' } });
    const open = jest.spyOn(window, 'open').mockReturnValue({} as Window);
    render(<MeetingDetailPage />);
    fireEvent.click(await screen.findByText('签到大屏'));

    await waitFor(() => expect(open).toHaveBeenCalledWith(url, '_blank'));
    expect(await screen.findByText(url)).toBeTruthy();
    open.mockRestore();
  });

  it('shows what the record still lacks (C2)', async () => {
    mockRoute(`GET ${base}`, {
      status: 200,
      body: meetingDetail({
        status: 'ended',
        completeness: {
          complete: false,
          missing: [
            { item: 'minutes', message: '缺少会议记录' },
            { item: 'absence_reason', message: '缺席未登记原因', member: { id: ZHANG.member.id, name: '张三' } },
          ],
        },
      }),
    });
    render(<MeetingDetailPage />);
    expect(await screen.findByText('待补全')).toBeTruthy();
    expect(screen.getByText(/缺少会议记录/)).toBeTruthy();
    expect(screen.getByText(/缺席未登记原因：张三/)).toBeTruthy();
  });
});
