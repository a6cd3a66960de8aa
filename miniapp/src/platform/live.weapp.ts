import { pollLive } from './live.poll';
import type { LiveHandlers } from './live.types';

// The mini-program has no EventSource; polling is what the issue allows there.
export function subscribeLive(meetingId: string, screenToken: string | null, handlers: LiveHandlers): () => void {
  return pollLive(meetingId, screenToken, handlers);
}
