import { act, renderHook } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { checkinResult, meetingDetail, meetingSummary, MEETING_ID, tokenFor } from '@test/fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import { rememberMeetings } from './meeting-cache';
import {
  flushOfflineCheckins,
  listOfflineCheckins,
  queueOfflineCheckin,
  refreshOfflineCheckins,
  startOfflineSync,
  useOfflineCheckins,
} from './offline-checkins';

const TOKEN = tokenFor(MEETING_ID);
const scannedAt = '2026-11-22T05:58:00.000Z';
const checkinCalls = () => requests.filter((r) => r.path === '/api/v1/meetings/checkin');
const online = () => window.dispatchEvent(new Event('online'));
/** Lets the flush started by an event run to its end. */
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('offline check-in queue (weak network)', () => {
  it('keeps a scan with its meeting named from the cached list, waiting', () => {
    rememberMeetings([meetingSummary()]);
    const e = queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });

    expect(e.state).toBe('waiting');
    expect(e.meetingId).toBe(MEETING_ID);
    expect(e.meeting?.title).toBe('11月主题党日');
    expect(listOfflineCheckins()).toHaveLength(1);
  });

  it('sends it as the offline submission when the network returns, and shows it pending (待确认)', async () => {
    mockRoute('POST /api/v1/meetings/checkin', 'network-error');
    const stop = startOfflineSync();
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: { lat: 30.27, lng: 120.15, accuracyM: 20 } });
    await settle();
    expect(listOfflineCheckins()[0]?.state).toBe('waiting');

    mockRoute('POST /api/v1/meetings/checkin', {
      status: 200,
      body: checkinResult({
        status: 'pending_confirmation',
        checkinStatus: 'pending_confirmation',
        method: 'offline_qr',
        message: '已提交离线签到，待书记确认',
      }),
    });
    online();
    await settle();

    const sent = checkinCalls().at(-1)?.data;
    expect(sent).toEqual({ token: TOKEN, offline: true, scannedAt, meetingId: MEETING_ID, location: { lat: 30.27, lng: 120.15, accuracyM: 20 } });
    const [entry] = listOfflineCheckins();
    expect(entry?.state).toBe('submitted');
    expect(entry?.message).toBe('已提交离线签到，待书记确认');
    expect(entry?.meeting?.title).toBe('11月主题党日');
    stop();
  });

  it('stays waiting while the network is still down, and sends nothing twice', async () => {
    mockRoute('POST /api/v1/meetings/checkin', 'network-error');
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });
    queueOfflineCheckin({ token: tokenFor('77777777-7777-4777-8777-777777777777'), scannedAt, location: null });

    await flushOfflineCheckins();

    // Stops at the first network failure instead of trying every entry.
    expect(checkinCalls()).toHaveLength(1);
    expect(listOfflineCheckins().map((e) => e.state)).toEqual(['waiting', 'waiting']);
  });

  it('replaces an earlier waiting scan of the same meeting', () => {
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });
    queueOfflineCheckin({ token: tokenFor(MEETING_ID, 123457), scannedAt, location: null });
    expect(listOfflineCheckins()).toHaveLength(1);
  });

  it('marks a refused submission as failed with the server message, never as done', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 422, body: { code: 'CHECKIN_WINDOW_CLOSED', message: '签到已截止' } });
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });

    await flushOfflineCheckins();

    expect(listOfflineCheckins()[0]).toMatchObject({ state: 'failed', message: '签到已截止' });
  });

  it('counts a member already checked in another way as confirmed', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult({ status: 'already_checked_in', message: '您已签到，无需重复签到' }) });
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });

    await flushOfflineCheckins();

    expect(listOfflineCheckins()[0]).toMatchObject({ state: 'confirmed', message: '您已签到，无需重复签到' });
  });

  it('sends nothing without a session', async () => {
    saveTokens({ accessToken: '', refreshToken: '' });
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });
    await flushOfflineCheckins();
    expect(checkinCalls()).toHaveLength(0);
  });

  it('learns the secretary’s decision on submitted scans', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult({ status: 'pending_confirmation', checkinStatus: 'pending_confirmation' }) });
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });
    await flushOfflineCheckins();

    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, {
      status: 200,
      body: meetingDetail({
        myAttendance: { state: 'pending_confirmation', isGuest: false, canVote: true, checkedInAt: scannedAt, method: 'offline_qr', leave: null },
      }),
    });
    await refreshOfflineCheckins();
    expect(listOfflineCheckins()[0]?.state).toBe('submitted');

    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, {
      status: 200,
      body: meetingDetail({ myAttendance: { state: 'present', isGuest: false, canVote: true, checkedInAt: scannedAt, method: 'offline_qr', leave: null } }),
    });
    await refreshOfflineCheckins();
    expect(listOfflineCheckins()[0]).toMatchObject({ state: 'confirmed', message: '书记已确认您的离线签到' });
  });

  it('reports a rejected scan and drops decided entries after three days', async () => {
    mockRoute('POST /api/v1/meetings/checkin', { status: 200, body: checkinResult({ status: 'pending_confirmation', checkinStatus: 'pending_confirmation' }) });
    queueOfflineCheckin({ token: TOKEN, scannedAt, location: null });
    await flushOfflineCheckins();
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}`, {
      status: 200,
      body: meetingDetail({ status: 'ended', myAttendance: { state: 'absent', isGuest: false, canVote: true, checkedInAt: null, method: null, leave: null } }),
    });

    await refreshOfflineCheckins();
    expect(listOfflineCheckins()[0]?.state).toBe('failed');

    await refreshOfflineCheckins(new Date(Date.now() + 4 * 86_400_000));
    expect(listOfflineCheckins()).toHaveLength(0);
  });

  it('re-renders subscribers when the queue changes', () => {
    const { result } = renderHook(() => useOfflineCheckins());
    expect(result.current).toHaveLength(0);
    act(() => void queueOfflineCheckin({ token: TOKEN, scannedAt, location: null }));
    expect(result.current).toHaveLength(1);
  });
});
