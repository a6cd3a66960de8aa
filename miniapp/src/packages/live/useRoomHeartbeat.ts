import { useEffect, useRef } from 'react';
import { HEARTBEAT_INTERVAL_S } from '@dangjian/shared';
import { liveHeartbeat } from '@/api/live';

/**
 * While the room is open and live, heartbeats every HEARTBEAT_INTERVAL_S: the server credits them by
 * the study clock (L2) — the time since the previous beat, nothing after a gap over 10 minutes.
 * `positionRef` is where the player is (seconds); `onBeat` refreshes the credit shown.
 */
export function useRoomHeartbeat(classId: string | null, live: boolean, positionRef: { current: number }, onBeat: () => void) {
  const onBeatRef = useRef(onBeat);
  onBeatRef.current = onBeat;
  useEffect(() => {
    if (!classId || !live) return;
    const deviceId = `room-${Math.random().toString(36).slice(2, 10)}`;
    let seq = 0;
    const send = (event: 'start' | 'tick' | 'stop') =>
      liveHeartbeat(classId, { position: Math.floor(positionRef.current), deviceId, seq: ++seq, event }).then(
        () => onBeatRef.current(),
        () => undefined,
      );
    void send('start');
    const timer = setInterval(() => void send('tick'), HEARTBEAT_INTERVAL_S * 1000);
    return () => {
      clearInterval(timer);
      void send('stop');
    };
  }, [classId, live, positionRef]);
}
