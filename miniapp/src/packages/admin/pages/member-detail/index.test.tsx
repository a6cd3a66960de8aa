import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { member, memberMe, secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MemberDetailPage from './index';

const subject = member({ name: '张三' });

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ id: subject.id });
  mockRoute(`GET /api/v1/members/${subject.id}`, (req) =>
    req.query.get('unmask') === 'true'
      ? { status: 200, body: { ...subject, phone: '13800138000', nationalId: '110101199205041234', sensitiveUnmasked: true } }
      : { status: 200, body: subject },
  );
});

describe('MemberDetailPage', () => {
  it('shows the masked record and unmasks it after confirmation', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    render(<MemberDetailPage />);

    expect(await screen.findByText('138****8000')).toBeTruthy();
    fireEvent.click(await screen.findByText('查看完整信息'));

    expect(await screen.findByText('13800138000')).toBeTruthy();
    expect(screen.getByText('110101199205041234')).toBeTruthy();
    expect(screen.getByText('已显示完整信息，本次查看已记入审计日志。')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('查看完整信息')).toBeNull();
  });

  it('marks a member who left the platform (已转出) and names the former organisation', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    const departed = { ...subject, departure: { at: '2026-03-02T02:00:00.000Z', reason: 'transferred_out', label: '已转出' } };
    mockRoute(`GET /api/v1/members/${subject.id}`, { status: 200, body: departed });
    render(<MemberDetailPage />);

    expect((await screen.findAllByText('已转出')).length).toBe(2);
    expect(screen.getByText('原所在组织')).toBeTruthy();
  });

  it('shows the refusal when the server forbids the full record', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute(`GET /api/v1/members/${subject.id}`, (req) =>
      req.query.get('unmask') === 'true' ? { status: 403, body: { code: 'FORBIDDEN', message: '无权查看该党员的完整信息' } } : { status: 200, body: subject },
    );
    render(<MemberDetailPage />);

    fireEvent.click(await screen.findByText('查看完整信息'));

    expect(await screen.findByText('无权查看该党员的完整信息')).toBeTruthy();
    expect(screen.getByText('138****8000')).toBeTruthy();
  });

  it('offers no unmasking to a member without the permission', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
    render(<MemberDetailPage />);

    await screen.findByText('138****8000');
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/auth/me')).toBe(true));
    expect(screen.queryByText('查看完整信息')).toBeNull();
  });
});
