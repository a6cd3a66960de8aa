import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, networkError } from '@/api/errors';

export type QueryState<T> = {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Re-runs the query; resolves when it settles (used to stop pull-to-refresh). */
  reload: () => Promise<void>;
};

const asApiError = (e: unknown) => (e instanceof ApiError ? e : networkError());

/**
 * Runs `fn` when `key` changes (null = not yet: e.g. waiting for an id). Answers that arrive after a
 * newer request started are dropped, so a slow first load cannot overwrite a fresh one.
 */
export function useQuery<T>(key: string | null, fn: () => Promise<T>): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const seq = useRef(0);

  const run = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const result = await fnRef.current();
      if (mine === seq.current) setData(result);
    } catch (e) {
      if (mine === seq.current) setError(asApiError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (key !== null) void run();
  }, [key, run]);

  return { data, error, loading, reload: run };
}
