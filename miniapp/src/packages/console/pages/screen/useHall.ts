import { useEffect, useState } from 'react';
import { HALL_REFRESH_MS, type HallSnapshot } from '@dangjian/shared';
import { getHallSnapshot } from '@/api/console';
import type { ApiError } from '@/api/errors';
import { poll } from '@/platform/live.poll';
import type { LiveStatus } from '@/platform/live.types';

/** The hall's snapshot, refreshed every HALL_REFRESH_MS; a refused link (expired, tampered) stops it with the error. */
export function useHall(orgId: string | null, screenToken: string | null) {
  const [snapshot, setSnapshot] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!orgId) return undefined;
    return poll(() => getHallSnapshot(orgId, screenToken), HALL_REFRESH_MS, {
      onSnapshot: setSnapshot,
      onStatus: (s, e) => {
        setStatus(s);
        setError(e ?? null);
      },
    });
  }, [orgId, screenToken]);
  return { snapshot, status, error };
}
