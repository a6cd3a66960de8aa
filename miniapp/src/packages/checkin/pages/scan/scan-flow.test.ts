import type { CheckinRequest, GeoLocation } from '@dangjian/shared';
import { ApiError, networkError } from '@/api/errors';
import { saveTokens } from '@/api/session';
import { LocationError } from '@/platform/location.types';
import { listOfflineCheckins } from '@/store/offline-checkins';
import { checkinResult, meetingDetail, MEETING_ID, tokenFor } from '@test/fixtures';
import { mockRoute } from '@test/mocks/taro';
import { checkInWithToken, type ScanDeps } from './scan-flow';

const TOKEN = tokenFor(MEETING_ID);
const NOW = new Date('2026-11-22T05:58:00.000Z');
const HERE: GeoLocation = { lat: 30.274, lng: 120.155, accuracyM: 15 };
const refusal = (code: string, message: string, status = 422) => new ApiError(status, { code, message });

function deps(replies: Array<unknown>, locate: ScanDeps['locate'] = async () => HERE) {
  const submit = jest.fn(async (_body: CheckinRequest) => {
    const r = replies.shift();
    if (r instanceof Error) throw r;
    return r as ReturnType<typeof checkinResult>;
  });
  return { submit, locate: jest.fn(locate), now: () => NOW };
}

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe(checkInWithToken.name, () => {
  it('checks in with one request', async () => {
    const d = deps([checkinResult()]);
    const o = await checkInWithToken(TOKEN, d);
    expect(o.kind).toBe('checked_in');
    expect(d.submit).toHaveBeenCalledWith({ token: TOKEN, offline: false });
    expect(d.locate).not.toHaveBeenCalled();
  });

  it('answers a repeated scan with the original time (C3)', async () => {
    const o = await checkInWithToken(
      TOKEN,
      deps([checkinResult({ status: 'already_checked_in', checkedInAt: '2026-11-22T05:41:00.000Z', message: '您已签到，无需重复签到' })]),
    );
    expect(o.kind).toBe('already');
    expect(o.kind === 'already' && o.result.checkedInAt).toBe('2026-11-22T05:41:00.000Z');
  });

  it('shows a pending offline scan as pending, not as done', async () => {
    const o = await checkInWithToken(TOKEN, deps([checkinResult({ status: 'pending_confirmation', checkinStatus: 'pending_confirmation' })]));
    expect(o.kind).toBe('pending');
  });

  it('sends the position when the meeting has a geofence, then checks in', async () => {
    const d = deps([refusal('CHECKIN_LOCATION_REQUIRED', '本次会议需要定位签到，请允许获取位置后重试'), checkinResult()]);
    const o = await checkInWithToken(TOKEN, d);
    expect(o.kind).toBe('checked_in');
    expect(d.submit).toHaveBeenLastCalledWith({ token: TOKEN, offline: false, location: HERE });
  });

  it('refuses with the server’s message when the position is outside the fence', async () => {
    const d = deps([
      refusal('CHECKIN_LOCATION_REQUIRED', '需要定位'),
      refusal('CHECKIN_OUTSIDE_GEOFENCE', '您不在会场范围内（距会场约 850 米，要求 200 米内）'),
    ]);
    const o = await checkInWithToken(TOKEN, d);
    expect(o).toMatchObject({ kind: 'refused', code: 'CHECKIN_OUTSIDE_GEOFENCE', message: '您不在会场范围内（距会场约 850 米，要求 200 米内）' });
    expect(d.submit).toHaveBeenCalledTimes(2);
  });

  it('says why the position could not be read', async () => {
    const d = deps([refusal('CHECKIN_LOCATION_REQUIRED', '需要定位')], async () => {
      throw new LocationError('未授权获取位置：请允许浏览器使用位置信息');
    });
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, { status: 200, body: meetingDetail() });
    const o = await checkInWithToken(TOKEN, d);
    expect(o).toMatchObject({ kind: 'refused', message: '未授权获取位置：请允许浏览器使用位置信息' });
    expect(o.kind === 'refused' && o.meeting?.title).toBe('11月主题党日');
  });

  it('refuses an expired code with the server’s Chinese message and names the meeting when readable', async () => {
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, { status: 200, body: meetingDetail({ title: '支部委员会' }) });
    const o = await checkInWithToken(TOKEN, deps([refusal('CHECKIN_TOKEN_EXPIRED', '签到码已过期，请重新扫描会场大屏上的最新二维码')]));
    expect(o).toMatchObject({ kind: 'refused', code: 'CHECKIN_TOKEN_EXPIRED', message: '签到码已过期，请重新扫描会场大屏上的最新二维码' });
    expect(o.kind === 'refused' && o.meeting?.title).toBe('支部委员会');
  });

  it('refuses a member who is not expected, without a meeting they may not read', async () => {
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, { status: 403, body: { code: 'FORBIDDEN', message: '没有权限' } });
    const o = await checkInWithToken(TOKEN, deps([refusal('CHECKIN_NOT_EXPECTED', '您不是本次会议的应到人员，不能签到', 403)]));
    expect(o).toMatchObject({ kind: 'refused', message: '您不是本次会议的应到人员，不能签到', meeting: null });
  });

  it('keeps the scan for later when there is no network, with the scan time and a position if one comes', async () => {
    const d = deps([networkError()]);
    const o = await checkInWithToken(TOKEN, d);
    expect(o.kind).toBe('queued');
    expect(d.locate).toHaveBeenCalledWith({ timeoutMs: 4000 });
    expect(listOfflineCheckins()[0]).toMatchObject({ token: TOKEN, scannedAt: NOW.toISOString(), location: HERE, state: 'waiting' });
  });

  it('keeps the scan even when no position can be read offline', async () => {
    const o = await checkInWithToken(
      TOKEN,
      deps([networkError()], async () => {
        throw new LocationError('定位超时');
      }),
    );
    expect(o.kind).toBe('queued');
    expect(listOfflineCheckins()[0]?.location).toBeNull();
  });
});
