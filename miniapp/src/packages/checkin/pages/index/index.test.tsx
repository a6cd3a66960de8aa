import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { cachedMeeting } from '@/store/meeting-cache';
import { queueOfflineCheckin } from '@/store/offline-checkins';
import { scanQrCode } from '@/platform/scan';
import { meetingSummary, MEETING_ID, tokenFor } from '@test/fixtures';
import { firePullDownRefresh, mockRoute, requests } from '@test/mocks/taro';
import CheckinHomePage from './index';

jest.mock('@/platform/scan', () => ({ scanQrCode: jest.fn(async () => null) }));

const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length, page: 1, pageSize: 20 } });

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('CheckinHomePage', () => {
  it('lists my upcoming meetings and remembers them for offline scans', async () => {
    mockRoute('GET /api/v1/meetings/mine', page([meetingSummary()]));
    render(<CheckinHomePage />);

    expect(await screen.findByText('11月主题党日')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/v1/meetings/mine')?.query.get('upcoming')).toBe('true');
    expect(cachedMeeting(MEETING_ID)?.title).toBe('11月主题党日');

    fireEvent.click(screen.getByText('全部会议'));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(
      requests
        .filter((r) => r.path === '/api/v1/meetings/mine')
        .at(-1)
        ?.query.get('upcoming'),
    ).toBeNull();
  });

  it('shows scans kept offline as pending until decided', async () => {
    mockRoute('GET /api/v1/meetings/mine', page([]));
    mockRoute('POST /api/v1/meetings/checkin', 'network-error');
    queueOfflineCheckin({ token: tokenFor(MEETING_ID), scannedAt: '2026-11-22T05:58:00.000Z', location: null });
    render(<CheckinHomePage />);

    expect(await screen.findByText('离线签到')).toBeTruthy();
    expect(screen.getByText('待提交')).toBeTruthy();
    expect(screen.getByText('已保存在手机上，联网后自动提交')).toBeTruthy();
    expect(await screen.findByText('近期没有需要参加的会议')).toBeTruthy();
  });

  it('scans and opens the confirmation page with the token', async () => {
    mockRoute('GET /api/v1/meetings/mine', page([]));
    const token = tokenFor(MEETING_ID);
    (scanQrCode as jest.Mock).mockResolvedValueOnce(`https://dj.example.cn/#/checkin/scan?t=${token}`);
    render(<CheckinHomePage />);
    fireEvent.click(screen.getByText('扫码签到'));
    await act(async () => new Promise((r) => setTimeout(r, 0)));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/checkin/pages/scan/index?t=${encodeURIComponent(token)}` });
  });

  it('refuses a QR code that is not a check-in code', async () => {
    mockRoute('GET /api/v1/meetings/mine', page([]));
    (scanQrCode as jest.Mock).mockResolvedValueOnce('https://example.com/');
    render(<CheckinHomePage />);
    fireEvent.click(screen.getByText('扫码签到'));
    await act(async () => new Promise((r) => setTimeout(r, 0)));

    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这不是会议签到二维码' }));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('refreshes on pull-down', async () => {
    mockRoute('GET /api/v1/meetings/mine', page([meetingSummary()]));
    render(<CheckinHomePage />);
    await screen.findByText('11月主题党日');
    act(() => firePullDownRefresh());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(requests.filter((r) => r.path === '/api/v1/meetings/mine')).toHaveLength(2);
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled();
  });
});
