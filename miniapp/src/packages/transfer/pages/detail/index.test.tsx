import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { secretaryMe, memberMe } from '@test/fixtures';
import { TO_BRANCH_ID, TO_COMMITTEE_ID, TRANSFER_ID, transfer, transferFees } from '@test/transfer-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import TransferDetailPage from './index';

const PATH = `/api/v1/transfers/${TRANSFER_ID}`;
const stepBodies = () => requests.filter((r) => r.path === `${PATH}/steps`).map((r) => r.data);

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ id: TRANSFER_ID });
});

describe('TransferDetailPage', () => {
  it('shows where the transfer stands and the branch’s steps as buttons from availableActions', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET ${PATH}`, { status: 200, body: transfer() });
    render(<TransferDetailPage />);
    expect(await screen.findByText('下一步：等待转出党支部办理')).toBeTruthy();
    expect(screen.getByText('第一党支部')).toBeTruthy();
    expect(screen.getAllByText('数字经济产业园联合党委').length).toBeGreaterThan(0);
    expect(screen.getByText('李明（党员本人） · 11月20日 周五 10:00')).toBeTruthy();
    expect(screen.getByText('党费已交到 2026年11月')).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['党支部同意', '退回修改', '拒绝']);
  });

  it('agrees after a confirmation and shows the answer', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET ${PATH}`, { status: 200, body: transfer() });
    mockRoute(`POST ${PATH}/steps`, {
      status: 200,
      body: transfer({
        state: 'pending_committee',
        stateLabel: '待党委审批',
        awaitingLabel: '转出基层党委',
        availableActions: [],
        updatedAt: '2026-11-21T00:00:00.000Z',
      }),
    });
    render(<TransferDetailPage />);
    fireEvent.click(await screen.findByText('党支部同意'));
    expect(await screen.findByText('下一步：等待转出基层党委办理')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '同意李明的转接申请，报党委审批？' }));
    expect(stepBodies()).toEqual([{ action: 'branch_agree' }]);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('asks a reason before refusing (T2) and shows the server’s refusal in the dialog', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET ${PATH}`, { status: 200, body: transfer() });
    mockRoute(`POST ${PATH}/steps`, { status: 409, body: { code: 'TRANSFER_STEP_OUT_OF_ORDER', message: '转接已被撤回，不能再办理' } });
    render(<TransferDetailPage />);
    fireEvent.click(await screen.findByText('拒绝'));
    const dialog = await screen.findByRole('dialog', { name: '拒绝转接' });
    const confirm = () => dialog.querySelectorAll('button')[1] as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    fireEvent.change(dialog.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '新单位不在本市' } });
    fireEvent.click(confirm());
    expect(await screen.findByText('转接已被撤回，不能再办理')).toBeTruthy();
    expect(stepBodies()).toEqual([{ action: 'refuse', reason: '新单位不在本市' }]);
  });

  it('lets the receiving committee accept by assigning any branch of its subtree (also one under a 党总支)', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET ${PATH}`, {
      status: 200,
      body: transfer({ state: 'letter_issued', myActors: ['receiving_committee'], availableActions: ['accept', 'refuse'] }),
    });
    const UNDER_GENERAL = '12121212-1212-4121-8121-121212121212';
    mockRoute(`GET /api/v1/organisations/${TO_COMMITTEE_ID}/subtree`, (req) => ({
      status: 200,
      body: {
        items: [
          { id: TO_BRANCH_ID, name: '数智未来党支部', kind: 'branch' },
          { id: UNDER_GENERAL, name: '园区党总支第一党支部', kind: 'branch' },
        ].filter((o) => o.name.includes(req.query.get('q') ?? '')),
        total: 2,
        page: 1,
        pageSize: 50,
      },
    }));
    mockRoute(`POST ${PATH}/steps`, {
      status: 200,
      body: transfer({ state: 'accepted', stateLabel: '已接收，待报到', availableActions: [], updatedAt: '2026-11-22T00:00:00.000Z' }),
    });
    render(<TransferDetailPage />);
    fireEvent.click(await screen.findByText('接收并分配党支部'));
    const sheet = await screen.findByRole('dialog', { name: '分配党支部' });
    expect(await within(sheet).findByText('园区党总支第一党支部')).toBeTruthy();
    expect(requests.find((r) => r.path.endsWith('/subtree'))?.query.get('kind')).toBe('branch');
    fireEvent.click(await screen.findByText('园区党总支第一党支部'));
    await waitFor(() => expect(stepBodies()).toEqual([{ action: 'accept', assignOrgId: UNDER_GENERAL }]));
    expect(await screen.findByText('已接收，待报到')).toBeTruthy();
  });

  it('shows the member what is owed (T3) with a way to the fees page, and the letter to download', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
    mockRoute(`GET ${PATH}`, {
      status: 200,
      body: transfer({
        state: 'pending_committee',
        myActors: ['member', 'applicant'],
        availableActions: [],
        fees: transferFees(),
        letter: {
          id: TRANSFER_ID,
          number: '〔2026〕第0001号',
          issuedOn: '2026-11-21',
          validityDays: 30,
          validUntil: '2026-12-20',
          status: 'valid',
          pdfPath: `/transfers/${TRANSFER_ID}/letter.pdf`,
          verifyUrl: 'x',
        },
      }),
    });
    const open = jest.spyOn(window, 'open').mockReturnValue({} as Window);
    render(<TransferDetailPage />);
    expect(await screen.findByText('30.00 元（1个月）')).toBeTruthy();
    fireEvent.click(screen.getByText('去缴纳党费'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/fees/pages/index/index' });
    expect(screen.getByText('2026年12月20日（30 天）')).toBeTruthy();
    fireEvent.click(screen.getByText('下载介绍信（PDF）'));
    await waitFor(() => expect(open).toHaveBeenCalledWith(expect.stringContaining(`/api/v1/transfers/${TRANSFER_ID}/letter.pdf?access_token=`), '_blank'));
  });
});

describe('TransferDetailPage — the sending committee', () => {
  it('approves and issues the letter with the validity it confirms (T4: 1–90 days)', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET ${PATH}`, {
      status: 200,
      body: transfer({ state: 'pending_committee', myActors: ['sending_committee'], availableActions: ['approve', 'refuse', 'return'] }),
    });
    mockRoute(`POST ${PATH}/steps`, {
      status: 200,
      body: transfer({ state: 'letter_issued', stateLabel: '已开具介绍信', availableActions: [], updatedAt: '2026-11-22T00:00:00.000Z' }),
    });
    render(<TransferDetailPage />);
    fireEvent.click(await screen.findByText('党委审批并开具介绍信'));
    const dialog = await screen.findByRole('dialog', { name: '审批并开具介绍信' });
    const days = dialog.querySelector('input[name="validityDays"]') as HTMLInputElement;
    expect(days.value).toBe('30');
    fireEvent.change(days, { target: { value: '91' } });
    fireEvent.click(screen.getByText('开具介绍信'));
    expect(await screen.findByText('有效期为 1–90 天')).toBeTruthy();
    fireEvent.change(days, { target: { value: '45' } });
    fireEvent.click(screen.getByText('开具介绍信'));
    expect(await screen.findByText('已开具介绍信')).toBeTruthy();
    expect(stepBodies()).toEqual([{ action: 'approve', validityDays: 45 }]);
  });
});
