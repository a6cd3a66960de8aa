import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { HeartbeatResult } from '@dangjian/shared';
import { sendHeartbeat } from '@/api/study';
import { ApiError } from '@/api/errors';
import { onAppVisibility } from '@/platform/app-visibility';
import { onNetworkBack } from '@/platform/network';
import { deviceId, nextSeq, pendingBeats, savePendingBeats } from './beat-store';
import { createHeartbeatScheduler, realClock, type Beat, type HeartbeatScheduler } from './heartbeat';

/**
 * Sends one beat of `lessonId`. An answer — credit, or a refusal (4xx: resending would be refused again) —
 * resolves; no answer or a server failure rejects, so the scheduler resends the same seq later.
 */
export async function sendBeat(lessonId: string, device: string, beat: Beat): Promise<HeartbeatResult | null> {
  try {
    return await sendHeartbeat({ lessonId, deviceId: device, seq: beat.seq, position: beat.positionSec, event: beat.kind });
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) return null;
    throw e;
  }
}

type Options = {
  /** Reasons not to study from the start: a player starts 'paused'. */
  blockedBy: readonly string[];
  position: () => number;
  onResult: (result: HeartbeatResult) => void;
  /**
   * Set by the page while something of ours covers it (weapp's document viewer): hiding then does not
   * pause; showing again clears it.
   */
  viewerOpen?: { current: boolean };
};

/**
 * Runs the heartbeat scheduler of a lesson page (L2): studying pauses while the page is hidden or the app
 * is in the background, beats left unsent survive on the device, and the network's return sends them.
 * Returns `block(reason, blocked)` for the player's own reasons ('paused').
 */
export function useStudyHeartbeat(lessonId: string | null, opts: Options): (reason: string, blocked: boolean) => void {
  const scheduler = useRef<HeartbeatScheduler | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  /** The reasons that hold, also while no scheduler exists yet (before the lesson loads). */
  const early = useRef(new Set<string>());

  useEffect(() => {
    if (!lessonId) return undefined;
    // the lesson's own reasons (a player starts paused) are known only once it has loaded
    for (const reason of optsRef.current.blockedBy) early.current.add(reason);
    const device = deviceId();
    const hb = createHeartbeatScheduler({
      clock: realClock,
      position: () => optsRef.current.position(),
      nextSeq,
      blockedBy: [...early.current],
      pending: pendingBeats(lessonId),
      onQueue: (queue) => savePendingBeats(lessonId, queue),
      send: async (beat) => {
        const result = await sendBeat(lessonId, device, beat);
        if (result) optsRef.current.onResult(result);
      },
    });
    scheduler.current = hb;
    const offApp = onAppVisibility((visible) => hb.block('background', !visible));
    const offNetwork = onNetworkBack(() => hb.flush());
    return () => {
      offApp();
      offNetwork();
      hb.close();
      scheduler.current = null;
    };
  }, [lessonId]);

  const block = (reason: string, blocked: boolean) => {
    if (blocked) early.current.add(reason);
    else early.current.delete(reason);
    scheduler.current?.block(reason, blocked);
  };

  useDidHide(() => block('hidden', !optsRef.current.viewerOpen?.current));
  useDidShow(() => {
    if (optsRef.current.viewerOpen) optsRef.current.viewerOpen.current = false;
    block('hidden', false);
  });
  return block;
}
