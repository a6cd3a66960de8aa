import { liveSnapshot, MEETING_ID } from '@test/fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import { pollLive } from './live.poll';
import { LIVE_POLL_MS } from './live.types';

afterEach(() => jest.useRealTimers());

describe(pollLive.name, () => {
  it('polls the snapshot often enough for the 2-second promise, until stopped', async () => {
    jest.useFakeTimers();
    expect(LIVE_POLL_MS).toBeLessThan(2000);
    let present = 0;
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}/live/snapshot`, () => ({ status: 200, body: liveSnapshot({ present }) }));
    const onSnapshot = jest.fn();
    const onStatus = jest.fn();
    const stop = pollLive(MEETING_ID, 'screen-token', { onSnapshot, onStatus });
    await jest.advanceTimersByTimeAsync(0);
    expect(onSnapshot).toHaveBeenLastCalledWith(expect.objectContaining({ present: 0 }));
    expect(requests[0]?.query.get('s')).toBe('screen-token');

    present = 1;
    await jest.advanceTimersByTimeAsync(LIVE_POLL_MS);
    expect(onSnapshot).toHaveBeenLastCalledWith(expect.objectContaining({ present: 1 }));
    expect(onStatus).toHaveBeenLastCalledWith('live');

    stop();
    const calls = requests.length;
    await jest.advanceTimersByTimeAsync(LIVE_POLL_MS * 3);
    expect(requests.length).toBe(calls);
  });

  it('stops for good on a refusal and keeps trying through network failures', async () => {
    jest.useFakeTimers();
    mockRoute(`GET /api/v1/meetings/${MEETING_ID}/live/snapshot`, 'network-error');
    const onStatus = jest.fn();
    const stop = pollLive(MEETING_ID, null, { onSnapshot: jest.fn(), onStatus });
    await jest.advanceTimersByTimeAsync(0);
    expect(onStatus).toHaveBeenLastCalledWith('reconnecting', expect.anything());

    mockRoute(`GET /api/v1/meetings/${MEETING_ID}/live/snapshot`, { status: 403, body: { code: 'FORBIDDEN', message: '没有权限进行此操作' } });
    await jest.advanceTimersByTimeAsync(LIVE_POLL_MS * 2);
    expect(onStatus).toHaveBeenLastCalledWith('failed', expect.objectContaining({ code: 'FORBIDDEN' }));
    stop();
  });
});
