import { getLiveSnapshot } from '@/api/checkin';
import { ApiError, ClientErrorCode } from '@/api/errors';
import { LIVE_POLL_MS, type LiveHandlers, type PollHandlers } from './live.types';

/** The live view by polling `GET …/live/snapshot` (the mini-program, or a browser without EventSource). */
export function pollLive(meetingId: string, screenToken: string | null, handlers: LiveHandlers): () => void {
  return poll(() => getLiveSnapshot(meetingId, screenToken), LIVE_POLL_MS, handlers);
}

/**
 * Calls `fetch` every `periodMs` until stopped (a screen's live view: the meeting projector, the hall's
 * big screen). A refusal (4xx: expired link, no access) stops it as `failed`; network and server
 * errors retry with a gentle back-off.
 */
export function poll<T>(fetch: () => Promise<T>, periodMs: number, handlers: PollHandlers<T>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const tick = async () => {
    try {
      const snap = await fetch();
      if (stopped) return;
      failures = 0;
      handlers.onStatus('live');
      handlers.onSnapshot(snap);
    } catch (e) {
      if (stopped) return;
      const error = e instanceof ApiError ? e : undefined;
      if (error && error.code !== ClientErrorCode.NETWORK && error.status < 500) {
        handlers.onStatus('failed', error);
        return;
      }
      failures += 1;
      handlers.onStatus('reconnecting', error);
    }
    // Back off gently while the network is down, so a lost connection is not hammered.
    timer = setTimeout(() => void tick(), failures ? Math.min(periodMs * (failures + 1), Math.max(periodMs, 10_000)) : periodMs);
  };
  handlers.onStatus('connecting');
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
