import { useEffect, useRef, useState } from 'react';
import type { CheckinCode, LiveSnapshot } from '@dangjian/shared';
import { getCheckinCode } from '@/api/checkin';
import { ApiError, ClientErrorCode } from '@/api/errors';
import { subscribeLive } from '@/platform/live';
import type { LiveStatus } from '@/platform/live.types';

/** Retry delay for a failed code fetch that may succeed later (network, server restart). */
const CODE_RETRY_MS = 2000;
/** Asked a little after the step changes, so the server is surely on the new step. */
const STEP_MARGIN_MS = 150;

const fatal = (e: unknown): ApiError | null => (e instanceof ApiError && e.code !== ClientErrorCode.NETWORK && e.status < 500 ? e : null);

export type ScreenState = {
  code: CheckinCode | null;
  /** When `code` arrived (device clock), to count down to the next step. */
  codeAt: number;
  snapshot: LiveSnapshot | null;
  live: LiveStatus;
  /** The screen cannot go on (expired or invalid link, cancelled meeting). */
  error: ApiError | null;
};

/**
 * The screen's data: the rotating QR code, fetched again at each step (`expiresInMs`), and the
 * live snapshot pushed by the server (SSE on H5, polling on weapp).
 */
export function useScreen(meetingId: string | null, screenToken: string | null): ScreenState {
  const [code, setCode] = useState<CheckinCode | null>(null);
  const [codeAt, setCodeAt] = useState(0);
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!meetingId) return;
    let stopped = false;
    const load = async () => {
      try {
        const c = await getCheckinCode(meetingId, screenToken);
        if (stopped) return;
        setCode(c);
        setCodeAt(Date.now());
        timer.current = setTimeout(() => void load(), c.expiresInMs + STEP_MARGIN_MS);
      } catch (e) {
        if (stopped) return;
        const f = fatal(e);
        if (f) setError(f);
        else timer.current = setTimeout(() => void load(), CODE_RETRY_MS);
      }
    };
    void load();
    const unsubscribe = subscribeLive(meetingId, screenToken, {
      onSnapshot: (s) => {
        if (!stopped) setSnapshot(s);
      },
      onStatus: (status, e) => {
        if (stopped) return;
        setLive(status);
        if (status === 'failed' && e) setError(e);
      },
    });
    return () => {
      stopped = true;
      clearTimeout(timer.current);
      unsubscribe();
    };
  }, [meetingId, screenToken]);

  return { code, codeAt, snapshot, live, error };
}
