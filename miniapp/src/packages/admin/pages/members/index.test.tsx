import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Member } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, member, secretaryMe } from '@test/fixtures';
import { fireReachBottom, mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MemberListPage from './index';

const page = (items: Member[], total: number, pageNo = 1) => ({ status: 200, body: { items, total, page: pageNo, pageSize: 20 } });
const memberCalls = () => requests.filter((r) => r.path === '/api/v1/members');

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
});

describe('MemberListPage', () => {
  it('lists the organisation subtree and opens a member', async () => {
    const zhang = member({ name: '张三' });
    mockRoute('GET /api/v1/members', page([zhang, member({ name: '李四', status: 'probationary', fullMemberDate: null, partyYears: null })], 2));
    const { container } = render(<MemberListPage />);

    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('李四')).toBeTruthy();
    expect(screen.getByText('共 2 人（含下级组织）')).toBeTruthy();
    expect(container.querySelector('.members__org')?.textContent).toBe('第一党支部');
    const query = memberCalls()[0]?.query;
    expect(query?.get('orgId')).toBe(BRANCH_ID);
    expect(query?.get('subtree')).toBe('true');
    expect(query?.get('page')).toBe('1');

    fireEvent.click(screen.getByText('张三'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/admin/pages/member-detail/index?id=${zhang.id}` });
  });

  it('searches by name and filters by status', async () => {
    mockRoute('GET /api/v1/members', (req) => (req.query.get('q') === '张' ? page([member({ name: '张三' })], 1) : page([member({ name: '王五' })], 1)));
    render(<MemberListPage />);
    await screen.findByText('王五');

    fireEvent.change(screen.getByPlaceholderText('姓名、手机号或身份证号'), { target: { value: '张' } });
    fireEvent.click(screen.getByText('搜索'));
    expect(await screen.findByText('张三')).toBeTruthy();

    fireEvent.click(screen.getByText('预备党员'));
    await waitFor(() => expect(memberCalls().at(-1)?.query.get('status')).toBe('probationary'));
    expect(memberCalls().at(-1)?.query.get('q')).toBe('张');
  });

  it('loads the next page at the bottom of the list', async () => {
    const first = Array.from({ length: 20 }, () => member());
    const last = member({ name: '最后一位' });
    mockRoute('GET /api/v1/members', (req) => (req.query.get('page') === '2' ? page([last], 21, 2) : page(first, 21)));
    render(<MemberListPage />);
    await screen.findByText(first[0]?.name ?? '');

    act(() => fireReachBottom());

    expect(await screen.findByText('最后一位')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('treats a capped total as a lower bound and pages on while pages come back full', async () => {
    const full = Array.from({ length: 20 }, () => member());
    mockRoute('GET /api/v1/members', (req) =>
      req.query.get('page') === '2'
        ? { status: 200, body: { items: [member({ name: '第二页' })], total: 1000, totalCapped: true, page: 2, pageSize: 20 } }
        : { status: 200, body: { items: full, total: 1000, totalCapped: true, page: 1, pageSize: 20 } },
    );
    render(<MemberListPage />);

    expect(await screen.findByText('共 1000+ 人（含下级组织）')).toBeTruthy();
    act(() => fireReachBottom());
    expect(await screen.findByText('第二页')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });

  it('says so when the search finds nobody', async () => {
    mockRoute('GET /api/v1/members', page([], 0));
    render(<MemberListPage />);

    expect(await screen.findByText('暂无党员')).toBeTruthy();
  });

  it('shows the server message when the list cannot be loaded', async () => {
    mockRoute('GET /api/v1/members', { status: 403, body: { code: 'FORBIDDEN', message: '无权查看该组织的党员' } });
    render(<MemberListPage />);

    expect((await screen.findByRole('alert')).textContent).toContain('无权查看该组织的党员');
  });
});
