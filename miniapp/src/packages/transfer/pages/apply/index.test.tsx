import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { memberMe } from '@test/fixtures';
import { TO_COMMITTEE_ID, TRANSFER_ID, transfer, transferFees } from '@test/transfer-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import ApplyTransferPage from './index';

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
  mockRoute('GET /api/v1/transfers/fees-check', { status: 200, body: transferFees() });
});

describe('ApplyTransferPage', () => {
  it('shows the T3 notice, picks a platform organisation and sends the application', async () => {
    mockRoute('GET /api/v1/transfers/destinations', {
      status: 200,
      body: { items: [{ id: TO_COMMITTEE_ID, name: '数字经济产业园联合党委', kind: 'committee' }], total: 1, page: 1, pageSize: 50 },
    });
    mockRoute('POST /api/v1/transfers', { status: 201, body: transfer() });
    render(<ApplyTransferPage />);
    expect(await screen.findByText('30.00 元（1个月）')).toBeTruthy();
    expect(screen.getByText(/须交纳至转出当月（2026年11月未交）/)).toBeTruthy();

    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('请选择接收党组织')).toBeTruthy();

    fireEvent.click(screen.getByText('请选择本平台党组织'));
    fireEvent.click(await screen.findByText('数字经济产业园联合党委'));
    fireEvent.change(document.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '工作调动' } });
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/transfer/pages/detail/index?id=${TRANSFER_ID}` }));
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ kind: 'internal', toOrgId: TO_COMMITTEE_ID, reason: '工作调动', validityDays: 30 });
  });

  it('shows the server’s refusal in place (T7: one open transfer)', async () => {
    mockRoute('POST /api/v1/transfers', { status: 409, body: { code: 'TRANSFER_ALREADY_OPEN', message: '您已有一项正在办理的转接' } });
    render(<ApplyTransferPage />);
    fireEvent.click(await screen.findByText('转出至系统外'));
    fireEvent.change(screen.getByPlaceholderText('填写对方党组织全称'), { target: { value: '上海市某区某街道党工委' } });
    fireEvent.change(document.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '工作调动' } });
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('您已有一项正在办理的转接')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.data).toMatchObject({ kind: 'outbound', toOrgName: '上海市某区某街道党工委' });
  });

  it('corrects a returned transfer and resubmits only what changed (T7)', async () => {
    setRouterParams({ id: TRANSFER_ID });
    const returned = transfer({
      state: 'returned',
      steps: [
        ...transfer().steps,
        {
          id: 'r',
          action: 'return',
          actionLabel: '退回修改',
          fromState: 'pending_branch',
          toState: 'returned',
          actor: 'sending_branch',
          actorName: '王书记',
          reason: '请写明新单位',
          at: '2026-11-21T02:00:00.000Z',
        },
      ],
    });
    mockRoute(`GET /api/v1/transfers/${TRANSFER_ID}`, { status: 200, body: returned });
    mockRoute(`POST /api/v1/transfers/${TRANSFER_ID}/steps`, { status: 200, body: transfer() });
    render(<ApplyTransferPage />);
    expect(await screen.findByText('转接申请已退回修改：请写明新单位')).toBeTruthy();
    fireEvent.change(document.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '工作调动至数智未来科技' } });
    fireEvent.click(screen.getByText('修改后重新提交'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ action: 'resubmit', edits: { reason: '工作调动至数智未来科技' } });
  });
});

describe('ApplyTransferPage — the sending branch starts it (T2)', () => {
  it('asks the fees of that member, offers no paying, and names the member in the request', async () => {
    const memberId = '13131313-1313-4131-8131-131313131313';
    setRouterParams({ memberId, memberName: '周华' });
    mockRoute('POST /api/v1/transfers', { status: 201, body: transfer() });
    render(<ApplyTransferPage />);
    expect(await screen.findByText('由党支部为 周华 发起转接，提交后报党委审批。')).toBeTruthy();
    await screen.findByText('未交清');
    expect(screen.queryByText('去缴纳党费')).toBeNull();
    expect(requests.find((r) => r.path === '/api/v1/transfers/fees-check')?.query.get('memberId')).toBe(memberId);
    fireEvent.click(screen.getByText('党员证明信'));
    fireEvent.change(screen.getByPlaceholderText('填写对方党组织全称'), { target: { value: '杭州市西湖区某社区党委' } });
    fireEvent.change(document.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '外出务工四个月' } });
    fireEvent.click(screen.getByText('发起转接'));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
        kind: 'certificate',
        toOrgName: '杭州市西湖区某社区党委',
        memberId,
        reason: '外出务工四个月',
        validityDays: 30,
      }),
    );
  });
});
