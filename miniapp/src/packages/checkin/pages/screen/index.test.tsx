import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import { checkinCode, liveSnapshot, MEETING_ID } from '@test/fixtures';
import { MockEventSource } from '@test/mocks/event-source';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import ScreenPage from './index';

const SCREEN_TOKEN = 's1.k1.screen-token';
const codePath = `GET /api/v1/meetings/${MEETING_ID}/checkin-code`;
const codeCalls = () => requests.filter((r) => r.path === `/api/v1/meetings/${MEETING_ID}/checkin-code`);
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const qrSrc = (c: HTMLElement) => c.querySelector('img.screen__qr')?.getAttribute('src') ?? '';

const arrival = (name: string, minute: number, isGuest = false) => ({
  memberId: `00000000-0000-4000-8000-${String(minute).padStart(12, '0')}`,
  name,
  at: `2026-11-22T05:${String(minute).padStart(2, '0')}:00.000Z`,
  isGuest,
});

beforeEach(() => {
  MockEventSource.install();
  setRouterParams({ id: MEETING_ID, s: SCREEN_TOKEN });
});
afterEach(() => {
  MockEventSource.uninstall();
  jest.useRealTimers();
});

describe('ScreenPage (projector)', () => {
  it('shows the QR code and follows check-ins live over SSE, with the screen token and no sign-in', async () => {
    mockRoute(codePath, { status: 200, body: checkinCode(1000) });
    const { container } = render(<ScreenPage />);
    await flush();

    expect(qrSrc(container)).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(codeCalls()[0]?.query.get('s')).toBe(SCREEN_TOKEN);
    expect(codeCalls()[0]?.header.Authorization).toBeUndefined();
    const es = MockEventSource.last;
    expect(es.url).toBe(`/api/v1/meetings/${MEETING_ID}/live?s=${encodeURIComponent(SCREEN_TOKEN)}`);

    act(() => {
      es.open();
      es.push('snapshot', liveSnapshot({ present: 0, expected: 12 }));
    });
    expect(screen.getByTestId('present').textContent).toBe('0');
    expect(screen.getByText('等待签到…')).toBeTruthy();
    expect(screen.getByText('● 实时更新')).toBeTruthy();

    act(() => es.push('snapshot', liveSnapshot({ present: 2, arrivals: [arrival('张三', 50), arrival('李四', 52, true)] })));
    expect(screen.getByTestId('present').textContent).toBe('2');
    expect(screen.getByText('11月主题党日')).toBeTruthy();
    const names = [...container.querySelectorAll('.screen__name-text')].map((n) => n.textContent);
    expect(names).toEqual(['张三', '李四']);
    expect(container.querySelector('.screen__name--latest')?.textContent).toContain('李四');
    expect(screen.getByText('列席')).toBeTruthy();
  });

  it('names only the latest arrivals once the hall is large, counting the rest', async () => {
    mockRoute(codePath, { status: 200, body: checkinCode(1000) });
    const { container } = render(<ScreenPage />);
    await flush();
    const many = Array.from({ length: 45 }, (_, i) => arrival(`党员${i + 1}`, i));
    act(() => MockEventSource.last.push('snapshot', liveSnapshot({ present: 45, arrivals: many })));

    expect(container.querySelectorAll('.screen__name')).toHaveLength(40);
    expect(screen.getByText('前 5 位已签到')).toBeTruthy();
    expect(container.querySelector('.screen__name--latest')?.textContent).toContain('党员45');
  });

  it('fetches a new QR code at each step', async () => {
    jest.useFakeTimers();
    let step = 1000;
    mockRoute(codePath, () => ({ status: 200, body: checkinCode(step, { expiresInMs: 15_000, svg: `<svg data-step="${step}"/>` }) }));
    const { container } = render(<ScreenPage />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    const first = qrSrc(container);
    expect(codeCalls()).toHaveLength(1);

    step = 1001;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(14_000);
    });
    expect(codeCalls()).toHaveLength(1);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_200);
    });
    expect(codeCalls()).toHaveLength(2);
    expect(qrSrc(container)).not.toBe(first);
  });

  it('keeps the last count while the stream reconnects', async () => {
    mockRoute(codePath, { status: 200, body: checkinCode(1000) });
    render(<ScreenPage />);
    await flush();
    const es = MockEventSource.last;
    act(() => es.push('snapshot', liveSnapshot({ present: 7 })));
    act(() => es.fail());

    expect(screen.getByText('● 连接中断，正在重连')).toBeTruthy();
    expect(screen.getByTestId('present').textContent).toBe('7');
    act(() => es.push('snapshot', liveSnapshot({ present: 8 })));
    expect(screen.getByTestId('present').textContent).toBe('8');
    expect(screen.getByText('● 实时更新')).toBeTruthy();
  });

  it('says so when the screen link has expired, without sending anyone to sign in', async () => {
    mockRoute(codePath, { status: 401, body: { code: 'SCREEN_TOKEN_EXPIRED', message: '大屏链接已过期，请重新生成' } });
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}/live/snapshot`, {
      status: 401,
      body: { code: 'SCREEN_TOKEN_EXPIRED', message: '大屏链接已过期，请重新生成' },
    });
    render(<ScreenPage />);
    await flush();
    act(() => MockEventSource.last.fail(true));
    await flush();

    expect(screen.getByText('无法显示签到大屏')).toBeTruthy();
    expect(screen.getByText('大屏链接已过期，请重新生成')).toBeTruthy();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('shows when check-in has not opened yet', async () => {
    mockRoute(codePath, {
      status: 200,
      body: checkinCode(1000, { window: { opensAt: '2026-11-22T05:30:00.000Z', closesAt: '2026-11-22T07:30:00.000Z', state: 'not_open' } }),
    });
    render(<ScreenPage />);
    await flush();
    expect(screen.getByText('签到将于 13:30 开始')).toBeTruthy();
  });
});
