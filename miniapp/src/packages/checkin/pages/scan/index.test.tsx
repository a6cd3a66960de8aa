import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { listOfflineCheckins } from '@/store/offline-checkins';
import { checkinResult, MEETING_ID, tokenFor } from '@test/fixtures';
import { mockRoute, requests, setPageStack, setRouterParams } from '@test/mocks/taro';
import { scanQrCode } from '@/platform/scan';
import ScanPage, { tokenFromParams } from './index';

jest.mock('@/platform/scan', () => ({ scanQrCode: jest.fn(async () => null) }));

const TOKEN = tokenFor(MEETING_ID);
const checkins = () => requests.filter((r) => r.path === '/api/v1/meetings/checkin');

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('ScanPage', () => {
  it('reads the token from the QR URL (H5), or from WeChat’s q parameter (weapp)', () => {
    expect(tokenFromParams({ t: TOKEN })).toBe(TOKEN);
    const url = `https://dj.example.cn/#/checkin/scan?t=${TOKEN}`;
    expect(tokenFromParams({ q: encodeURIComponent(url), scancode_time: '1763791080' })).toBe(TOKEN);
    // Some launches hand the parameter over encoded twice.
    expect(tokenFromParams({ q: encodeURIComponent(encodeURIComponent(url)) })).toBe(TOKEN);
    expect(tokenFromParams({ q: encodeURIComponent('https://example.com/other') })).toBeNull();
    expect(tokenFromParams({})).toBeNull();
  });

  it('checks in once and confirms with the meeting’s name and time', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult() });
    setRouterParams({ t: TOKEN });
    const { container } = render(<ScanPage />);

    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(screen.getByText('11月主题党日')).toBeTruthy();
    // China time, whatever the test machine's zone.
    expect(screen.getByText(/11月22日 周日 14:00–15:30/)).toBeTruthy();
    expect(screen.getByText('13:58:07')).toBeTruthy();
    expect(container.querySelector('[data-outcome="checked_in"]')).toBeTruthy();
    expect(checkins()).toHaveLength(1);
    expect(checkins()[0]?.data).toEqual({ token: TOKEN, offline: false });
    // Nothing toasts over the confirmation screen.
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('answers a second scan with the original time', async () => {
    mockRoute('POST /api/v1/meetings/checkin', {
      status: 200,
      body: checkinResult({ status: 'already_checked_in', checkedInAt: '2026-11-22T05:41:09.000Z', message: '您已签到，无需重复签到' }),
    });
    setRouterParams({ t: TOKEN });
    render(<ScanPage />);

    expect(await screen.findByText('您已签到')).toBeTruthy();
    expect(screen.getByText('首次签到时间')).toBeTruthy();
    expect(screen.getByText('13:41:09')).toBeTruthy();
  });

  it('shows a refusal with the server’s message and scans again', async () => {
    mockRoute('POST /api/v1/meetings/checkin', {
      status: 422,
      body: { code: 'CHECKIN_TOKEN_EXPIRED', message: '签到码已过期，请重新扫描会场大屏上的最新二维码' },
    });
    setRouterParams({ t: TOKEN });
    render(<ScanPage />);

    expect(await screen.findByText('签到未成功')).toBeTruthy();
    expect(screen.getByText('签到码已过期，请重新扫描会场大屏上的最新二维码')).toBeTruthy();

    const next = tokenFor(MEETING_ID, 123457);
    (scanQrCode as jest.Mock).mockResolvedValueOnce(`http://127.0.0.1:3000/#/checkin/scan?t=${next}`);
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult() });
    fireEvent.click(screen.getByText('重新扫码'));

    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(checkins().map((r) => (r.data as { token: string }).token)).toEqual([TOKEN, next]);
  });

  it('does not check in with a QR code that is not a check-in code', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 422, body: { code: 'CHECKIN_WINDOW_NOT_OPEN', message: '签到尚未开始' } });
    setRouterParams({ t: TOKEN });
    render(<ScanPage />);
    await screen.findByText('签到未成功');

    (scanQrCode as jest.Mock).mockResolvedValueOnce('DJM1.44444444444444448444444444444444.12345678');
    fireEvent.click(screen.getByText('重新扫码'));

    expect(await screen.findByText('这不是会议签到二维码，请扫描会场大屏上的二维码')).toBeTruthy();
    expect(checkins()).toHaveLength(1);
  });

  it('keeps an offline scan and shows it pending, not done', async () => {
    mockRoute('POST /api/v1/meetings/checkin', 'network-error');
    setRouterParams({ t: TOKEN });
    render(<ScanPage />);

    expect(await screen.findByText('已离线保存，待确认')).toBeTruthy();
    expect(screen.queryByText('签到成功')).toBeNull();
    expect(listOfflineCheckins()).toHaveLength(1);
  });

  it('sends a visitor without a session to sign in, to come back with the same code', () => {
    saveTokens({ accessToken: '', refreshToken: '' });
    setRouterParams({ t: TOKEN });
    render(<ScanPage />);

    expect(Taro.reLaunch).toHaveBeenCalledWith({
      url: `/pages/sign-in/index?redirect=${encodeURIComponent(`/packages/checkin/pages/scan/index?t=${encodeURIComponent(TOKEN)}`)}`,
    });
    expect(checkins()).toHaveLength(0);
  });

  it('returns to 首页 when opened straight from a QR code', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult() });
    setRouterParams({ t: TOKEN });
    setPageStack(1);
    render(<ScanPage />);
    fireEvent.click(await screen.findByText('完成'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('asks for a scan when opened without a code', () => {
    setRouterParams({});
    render(<ScanPage />);
    expect(screen.getByText('未识别到签到码')).toBeTruthy();
    expect(checkins()).toHaveLength(0);
  });
});
