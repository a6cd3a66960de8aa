import type { LiveSnapshot } from '@dangjian/shared';
import { SCREEN_TOKEN_PARAM } from '@dangjian/shared';
import { getLiveSnapshot } from '@/api/checkin';
import { ApiError, ClientErrorCode } from '@/api/errors';
import { apiUrl, withToken } from '@/api/links';
import { pollLive } from './live.poll';
import type { LiveHandlers } from './live.types';

const REOPEN_MS = 3000;

export function subscribeLive(meetingId: string, screenToken: string | null, handlers: LiveHandlers): () => void {
  if (typeof EventSource === 'undefined') return pollLive(meetingId, screenToken, handlers);
  const path = apiUrl(`/meetings/${encodeURIComponent(meetingId)}/live`);
  // EventSource sends no headers: the screen token, or the signed-in manager's access token, rides in the query.
  const url = screenToken ? `${path}?${SCREEN_TOKEN_PARAM}=${encodeURIComponent(screenToken)}` : withToken(path);
  let source: EventSource | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (stopped) return;
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => handlers.onStatus('live'));
    es.addEventListener('snapshot', (ev) => {
      try {
        handlers.onSnapshot(JSON.parse((ev as MessageEvent<string>).data) as LiveSnapshot);
        handlers.onStatus('live');
      } catch {
        // A malformed event is skipped; the next one replaces it anyway.
      }
    });
    es.addEventListener('error', () => {
      if (stopped) return;
      if (es.readyState !== EventSource.CLOSED) {
        handlers.onStatus('reconnecting'); // the browser reconnects by itself (the server asks for 2 s)
        return;
      }
      // Closed for good (an HTTP error): ask once by plain request to learn why.
      es.close();
      void getLiveSnapshot(meetingId, screenToken).then(
        (snap) => {
          if (stopped) return;
          handlers.onSnapshot(snap);
          handlers.onStatus('reconnecting');
          timer = setTimeout(open, REOPEN_MS);
        },
        (e: unknown) => {
          if (stopped) return;
          const error = e instanceof ApiError ? e : undefined;
          if (error && error.code !== ClientErrorCode.NETWORK && error.status < 500) {
            handlers.onStatus('failed', error);
            return;
          }
          handlers.onStatus('reconnecting', error);
          timer = setTimeout(open, REOPEN_MS);
        },
      );
    });
  };

  handlers.onStatus('connecting');
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
