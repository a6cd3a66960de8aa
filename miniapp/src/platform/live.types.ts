import type { LiveSnapshot } from '@dangjian/shared';
import type { ApiError } from '@/api/errors';

/** `failed`: the server refused (expired screen link, no access); nothing more will arrive. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'failed';

export type PollHandlers<T> = {
  onSnapshot: (snapshot: T) => void;
  onStatus: (status: LiveStatus, error?: ApiError) => void;
};
export type LiveHandlers = PollHandlers<LiveSnapshot>;

/** Polling period where there is no event stream; the screen must move within 2 s of a check-in. */
export const LIVE_POLL_MS = 1500;
