import { useState } from 'react';
import { errorMessage } from '@/api/errors';

/**
 * One form action at a time: which one is running (`busy`, for its button's spinner) and the last
 * failure in Chinese (`error`, shown in place). `fail` shows a problem found before any request.
 */
export function useTask<K extends string = 'work'>() {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>, kind = 'work' as K) => {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, fail: setError, run };
}
