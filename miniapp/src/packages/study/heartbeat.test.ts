import { manualClock } from '@test/manual-clock';
import { createHeartbeatScheduler, type Beat, type HeartbeatOptions } from './heartbeat';

/** A fake server: records every beat it answers; `down` makes it unreachable; dedupes on seq like the real one (L2). */
function setup(over: Partial<HeartbeatOptions> = {}, down = false) {
  const clock = manualClock(1_000_000);
  const received: Beat[] = [];
  const credited = new Set<number>();
  const state = { down, position: 0 };
  let seq = 0;
  const send = jest.fn(async (beat: Beat) => {
    if (state.down) throw new Error('network');
    received.push(beat);
    credited.add(beat.seq);
  });
  const hb = createHeartbeatScheduler({
    clock,
    intervalMs: 20_000,
    retryMs: [5_000, 10_000],
    position: () => state.position,
    nextSeq: () => ++seq,
    send,
    ...over,
  });
  return { clock, hb, send, received, credited, state };
}

const kinds = (beats: Beat[]) => beats.map((b) => b.kind);

describe('heartbeat scheduler (L2)', () => {
  it('starts, beats every 20 s while studying, and stops with a stop beat when the page is hidden', async () => {
    const { clock, hb, received, state } = setup();
    await clock.advance(0);
    expect(hb.studying).toBe(true);
    state.position = 20;
    await clock.advance(20_000);
    state.position = 40;
    await clock.advance(20_000);
    expect(kinds(received)).toEqual(['start', 'tick', 'tick']);
    expect(received.map((b) => b.positionSec)).toEqual([0, 20, 40]);

    hb.block('hidden', true);
    await clock.advance(0);
    expect(kinds(received)).toEqual(['start', 'tick', 'tick', 'stop']);
    // hidden for 10 minutes: not a single beat, so no credit can accrue
    await clock.advance(600_000);
    expect(received).toHaveLength(4);

    hb.block('hidden', false);
    await clock.advance(20_000);
    expect(kinds(received).slice(4)).toEqual(['start', 'tick']);
  });

  it('does not study while any reason holds (a video paused and the page hidden)', async () => {
    const { clock, hb, received } = setup({ blockedBy: ['paused'] });
    await clock.advance(60_000);
    expect(received).toHaveLength(0);
    hb.block('hidden', true);
    hb.block('paused', false);
    await clock.advance(60_000);
    expect(received).toHaveLength(0);
    hb.block('hidden', false);
    await clock.advance(0);
    expect(kinds(received)).toEqual(['start']);
  });

  it('queues beats through a network loss and resends them in order with the same seq — never a duplicate', async () => {
    const { clock, hb, send, received, credited, state } = setup();
    await clock.advance(0);
    state.down = true;
    await clock.advance(60_000); // three ticks made offline, resent on the retry timer and failing
    expect(hb.queue.map((b) => b.kind)).toEqual(['tick', 'tick', 'tick']);
    const offlineSeqs = hb.queue.map((b) => b.seq);
    expect(send.mock.calls.length).toBeGreaterThan(4);

    state.down = false;
    await clock.advance(10_000);
    expect(hb.queue).toHaveLength(0);
    expect(received.map((b) => b.seq)).toEqual([1, ...offlineSeqs]);
    expect(new Set(received.map((b) => b.seq)).size).toBe(received.length);
    expect(credited.size).toBe(4);
    // the beats keep the time they were made, not the time they finally arrived
    expect(received.slice(1).map((b) => b.at - received[0]!.at)).toEqual([20_000, 40_000, 60_000]);
  });

  it('sends the queue at once when told the network is back (no waiting for the retry timer)', async () => {
    const { clock, hb, received, state } = setup({ retryMs: [300_000] }, true);
    await clock.advance(0);
    state.down = false;
    hb.flush();
    await clock.advance(0);
    expect(kinds(received)).toEqual(['start']);
  });

  it('sends beats left unsent by an earlier page first, and new seqs never repeat', async () => {
    const pending: Beat[] = [{ seq: 7, kind: 'tick', positionSec: 140, at: 999_000 }];
    let seq = 7;
    const { clock, received } = setup({ pending, nextSeq: () => ++seq });
    await clock.advance(0);
    expect(received.map((b) => [b.seq, b.kind])).toEqual([
      [7, 'tick'],
      [8, 'start'],
    ]);
  });

  it('reports the queue on every change so it can be kept on the device', async () => {
    const onQueue = jest.fn();
    const { clock } = setup({ onQueue }, true);
    await clock.advance(20_000);
    expect(onQueue).toHaveBeenLastCalledWith([expect.objectContaining({ kind: 'start' }), expect.objectContaining({ kind: 'tick' })]);
  });

  it('close() ends studying with a stop beat and no more ticks', async () => {
    const { clock, hb, received } = setup();
    await clock.advance(0);
    hb.close();
    await clock.advance(100_000);
    expect(kinds(received)).toEqual(['start', 'stop']);
    hb.block('hidden', false);
    await clock.advance(100_000);
    expect(received).toHaveLength(2);
  });
});
