import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Me, SignInResult } from '@dangjian/shared';
import { getMe } from '@/api/auth';
import { endSession } from '@/api/client';
import { ApiError, networkError } from '@/api/errors';
import { clearTokens, hasSession, saveTokens } from '@/api/session';

type MeState = { me: Me | null; loading: boolean; error: ApiError | null };

let state: MeState = { me: null, loading: false, error: null };
let inFlight: Promise<Me | null> | null = null;
const listeners = new Set<() => void>();

function set(next: Partial<MeState>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Loads who is signed in once and shares it between the pages; `force` re-reads it. */
export function loadMe(force = false): Promise<Me | null> {
  if (!hasSession()) {
    endSession();
    return Promise.resolve(null);
  }
  if (state.me && !force) return Promise.resolve(state.me);
  inFlight ??= (async () => {
    set({ loading: true, error: null });
    try {
      const me = await getMe();
      set({ me, loading: false });
      return me;
    } catch (e) {
      set({ loading: false, error: e instanceof ApiError ? e : networkError() });
      return null;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export function startSession(result: SignInResult): void {
  saveTokens(result);
  set({ me: result.me, loading: false, error: null });
}

export function forgetSession(): void {
  clearTokens();
  set({ me: null, loading: false, error: null });
}

/** The signed-in person for a page; sends to sign-in when there is no session. */
export function useMe() {
  const snapshot = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    void loadMe();
  }, []);
  const reload = useCallback(() => loadMe(true), []);
  return { ...snapshot, reload };
}

/** Test hook: the store is module state and must not leak between test cases. */
export function resetMeStore(): void {
  state = { me: null, loading: false, error: null };
  inFlight = null;
}
