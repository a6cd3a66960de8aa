import type { LiveHandlers } from './live.types';

/**
 * Follows a meeting's check-ins (LiveSnapshot within 2 s of each); returns the unsubscribe.
 * H5: Server-Sent Events (EventSource, the screen token or access token in the query);
 * weapp: polling the snapshot endpoint.
 */
export declare function subscribeLive(meetingId: string, screenToken: string | null, handlers: LiveHandlers): () => void;
