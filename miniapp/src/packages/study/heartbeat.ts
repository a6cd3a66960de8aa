/*
 * Heartbeats of a lesson being studied (L2). The page tells the scheduler why the member is NOT studying
 * right now (page hidden, video paused, app in background …); while no reason holds, a beat goes out every
 * `intervalMs`. Beats enter an ordered queue and are sent one at a time; a beat that did not get an answer
 * (network) is resent later with the SAME seq, so the server — which dedupes on (deviceId, seq) — never
 * counts it twice. A refusal (4xx) drops the beat: resending it would only be refused again.
 *
 * start: studying began (the server credits nothing before it); tick: still studying; stop: studying ended
 * (paused, hidden, left) — no time after it is credited until the next start.
 *
 * The clock is injected, so unit tests drive time; pages use `realClock`.
 */

export type Clock = {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type BeatKind = 'start' | 'tick' | 'stop';

export type Beat = {
  seq: number;
  kind: BeatKind;
  /** Where the member is in the lesson (seconds into the media; reading: seconds on the page). */
  positionSec: number;
  /** Client time the beat was made (ms since epoch); the server trusts its own clock for credit. */
  at: number;
};

export type HeartbeatOptions = {
  clock: Clock;
  /** Milliseconds between beats while studying (L2 asks for 15–30 s). */
  intervalMs?: number;
  /** Waits between resends of an unanswered beat; the last one repeats. */
  retryMs?: readonly number[];
  /** The current position, read when a beat is made. */
  position: () => number;
  /** The next sequence number of this device (persisted by the caller, so it never repeats). */
  nextSeq: () => number;
  /**
   * Sends one beat. Resolves when the server answered (credited, or refused with a 4xx: resending would
   * be refused again); rejects when the beat must be resent (no answer, 5xx).
   */
  send: (beat: Beat) => Promise<unknown>;
  /** Reasons not to study that hold from the start (a video starts 'paused'). */
  blockedBy?: readonly string[];
  /** Beats left unsent by an earlier page (restored from storage); they go first. */
  pending?: readonly Beat[];
  /** Called whenever the queue changes, so the caller can persist it. */
  onQueue?: (queue: readonly Beat[]) => void;
};

export const HEARTBEAT_INTERVAL_MS = 20_000;
export const HEARTBEAT_RETRY_MS = [2_000, 5_000, 15_000, 30_000] as const;

export type HeartbeatScheduler = {
  /** `true`: the reason holds (e.g. 'hidden'); studying runs only while no reason holds. */
  block: (reason: string, blocked: boolean) => void;
  /** Whether time is being studied right now. */
  readonly studying: boolean;
  /** Beats not yet answered. */
  readonly queue: readonly Beat[];
  /** Sends what is queued now (network came back). */
  flush: () => void;
  /** Ends studying (a stop beat) and stops the timers; queued beats are still sent. */
  close: () => void;
};

export function createHeartbeatScheduler(opts: HeartbeatOptions): HeartbeatScheduler {
  const { clock, intervalMs = HEARTBEAT_INTERVAL_MS, retryMs = HEARTBEAT_RETRY_MS } = opts;
  const reasons = new Set(opts.blockedBy ?? []);
  const queue: Beat[] = [...(opts.pending ?? [])];
  let studying = false;
  let closed = false;
  let tickTimer: unknown = null;
  let retryTimer: unknown = null;
  let sending = false;
  let failures = 0;

  const changed = () => opts.onQueue?.([...queue]);

  const enqueue = (kind: BeatKind) => {
    queue.push({ seq: opts.nextSeq(), kind, positionSec: Math.max(0, Math.round(opts.position())), at: clock.now() });
    changed();
    pump();
  };

  function pump() {
    if (sending || retryTimer !== null) return;
    const beat = queue[0];
    if (!beat) return;
    sending = true;
    opts.send(beat).then(
      () => {
        // answered (credited or refused): either way it leaves the queue and is never sent again
        sending = false;
        failures = 0;
        queue.shift();
        changed();
        pump();
      },
      () => {
        sending = false;
        const wait = retryMs[Math.min(failures, retryMs.length - 1)] ?? HEARTBEAT_RETRY_MS[0];
        failures += 1;
        retryTimer = clock.setTimeout(() => {
          retryTimer = null;
          pump();
        }, wait);
      },
    );
  }

  const scheduleTick = () => {
    tickTimer = clock.setTimeout(() => {
      tickTimer = null;
      if (!studying) return;
      enqueue('tick');
      scheduleTick();
    }, intervalMs);
  };

  const update = () => {
    const should = !closed && reasons.size === 0;
    if (should && !studying) {
      studying = true;
      enqueue('start');
      scheduleTick();
    } else if (!should && studying) {
      studying = false;
      if (tickTimer !== null) clock.clearTimeout(tickTimer);
      tickTimer = null;
      enqueue('stop');
    }
  };

  pump();
  update();

  return {
    block(reason, blocked) {
      if (blocked) reasons.add(reason);
      else reasons.delete(reason);
      update();
    },
    get studying() {
      return studying;
    },
    get queue() {
      return [...queue];
    },
    flush() {
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      retryTimer = null;
      failures = 0;
      pump();
    },
    close() {
      closed = true;
      update();
    },
  };
}
