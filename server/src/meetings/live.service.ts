import type { ServerResponse } from 'node:http';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { LiveSnapshot } from '@dangjian/shared';
import { PgListener } from '../common/pg-listener.js';
import { CheckinService } from './checkin.service.js';

/** Check-ins of one meeting are pushed at most this often (a hall scanning at once is one update per tick). */
const COALESCE_MS = 250;
/** Without a working LISTEN connection, every open stream is refreshed this often. */
const FALLBACK_POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

type Stream = { res: ServerResponse; meetingId: string; last: string };

/**
 * The screen's live view over Server-Sent Events. Each check-in transaction sends
 * `pg_notify('meeting_checkin', meetingId)`; the process's LISTEN connection (PgListener) hears the
 * check-ins of every process and instance, and the streams of that meeting get a new snapshot within
 * COALESCE_MS. When the LISTEN connection is down, streams are refreshed by polling instead. Streams
 * are closed before the HTTP server on shutdown, so they never hold it open.
 */
@Injectable()
export class LiveService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Live');
  private readonly streams = new Set<Stream>();
  private readonly dirty = new Map<string, NodeJS.Timeout>();
  private closing = false;
  private poll: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly listener: PgListener,
    private readonly checkins: CheckinService,
  ) {}

  async onApplicationBootstrap() {
    await this.listener.subscribe('meeting_checkin', {
      onNotify: (meetingId) => meetingId && this.schedule(meetingId),
      // Anything committed while we were not listening.
      onResync: () => {
        for (const id of this.meetingIds()) this.schedule(id, 0);
      },
    });
    this.poll = setInterval(() => {
      if (!this.listener.isListening) for (const id of this.meetingIds()) this.schedule(id, 0);
    }, FALLBACK_POLL_MS).unref();
    this.heartbeat = setInterval(() => {
      for (const s of this.streams) s.res.write(`: ping\n\n`);
    }, HEARTBEAT_MS).unref();
  }

  async beforeApplicationShutdown() {
    this.closing = true;
    for (const t of [this.poll, this.heartbeat, ...this.dirty.values()]) if (t) clearTimeout(t);
    this.dirty.clear();
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  /** Whether check-ins reach this instance by NOTIFY (else by polling). */
  get isListening() {
    return this.listener.isListening;
  }

  /** Opens an SSE stream on a raw response and sends the first snapshot at once. */
  async open(res: ServerResponse, meetingId: string, headers: Record<string, string> = {}): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.write(`retry: 2000\n\n`);
    const stream: Stream = { res, meetingId, last: '' };
    this.streams.add(stream);
    res.on('close', () => this.streams.delete(stream));
    if (this.closing) {
      res.end();
      return;
    }
    await this.push(meetingId, [stream]);
  }

  /** Called for every NOTIFY (and by tests): refresh that meeting's streams soon. */
  schedule(meetingId: string, delayMs = COALESCE_MS) {
    if (this.dirty.has(meetingId) || ![...this.streams].some((s) => s.meetingId === meetingId)) return;
    this.dirty.set(
      meetingId,
      setTimeout(() => {
        this.dirty.delete(meetingId);
        void this.push(meetingId);
      }, delayMs),
    );
  }

  private meetingIds() {
    return new Set([...this.streams].map((s) => s.meetingId));
  }

  private async push(meetingId: string, only?: Stream[]) {
    const targets = only ?? [...this.streams].filter((s) => s.meetingId === meetingId);
    if (targets.length === 0) return;
    let snapshot: LiveSnapshot | null;
    try {
      snapshot = await this.checkins.snapshot(meetingId);
    } catch (err) {
      this.logger.warn({ err, meetingId }, 'live snapshot failed');
      return;
    }
    if (!snapshot) {
      for (const s of targets) s.res.end();
      return;
    }
    // serverTime changes every push; compare the rest, and send only what changed.
    const key = JSON.stringify({ ...snapshot, serverTime: undefined });
    const data = `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;
    for (const s of targets) {
      if (s.last === key || s.res.writableEnded) continue;
      s.last = key;
      s.res.write(data);
    }
  }
}
