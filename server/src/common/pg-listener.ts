import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { listenOn } from './listen.repository.js';

const RECONNECT_MS = 2000;

export type Subscription = {
  /** One NOTIFY on the channel (sent on commit by any process or instance on the database). */
  onNotify: (payload: string) => void;
  /**
   * The connection is (re)established: notifications sent while it was down are lost, so a
   * subscriber catches up here (refreshes its screens, drops its caches).
   */
  onResync?: () => void;
};

/**
 * The one LISTEN connection of a server process (issue 12): live screens hear check-ins
 * (`meeting_checkin`), session caches hear revocations (`auth_changed`) — from every process and
 * instance on the database. It reconnects every RECONNECT_MS when lost; while it is down `listening`
 * is false and subscribers fall back (live screens poll, cached callers are not trusted).
 */
@Injectable()
export class PgListener implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PgListener');
  private readonly subs = new Map<string, Subscription[]>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private listening = false;
  private closing = false;
  private reconnect: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether notifications arrive now (else subscribers must not rely on them). */
  get isListening() {
    return this.listening;
  }

  /** Starts hearing `channel`; resolves once the connection has been tried (it may have failed: see isListening). */
  async subscribe(channel: string, sub: Subscription): Promise<void> {
    const list = this.subs.get(channel) ?? [];
    list.push(sub);
    this.subs.set(channel, list);
    if (this.client && this.listening) {
      await listenOn(this.client, channel).catch((err: Error) => this.logger.warn({ err, channel }, 'LISTEN failed'));
      return;
    }
    await (this.connecting ??= this.connect().finally(() => (this.connecting = null)));
  }

  async beforeApplicationShutdown() {
    this.closing = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
    this.client = null;
    this.listening = false;
  }

  private async connect() {
    if (this.closing) return;
    const options = this.db.options as { url?: string };
    const client = new pg.Client({ connectionString: options.url, application_name: 'dangjian-listen' });
    client.on('notification', (n) => {
      for (const s of this.subs.get(n.channel) ?? []) s.onNotify(n.payload ?? '');
    });
    client.on('error', (err) => {
      // On shutdown the database may go first (a container stopping everything at once): not worth a warning.
      if (this.closing) return;
      this.logger.warn({ err }, 'LISTEN connection failed: reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.subs.keys()) await listenOn(client, channel);
      this.client = client;
      this.listening = true;
      for (const list of this.subs.values()) for (const s of list) s.onResync?.();
    } catch (err) {
      this.logger.warn({ err }, 'cannot LISTEN: retrying');
      this.lost(client);
    }
  }

  private lost(client: pg.Client) {
    if (this.client && this.client !== client) return;
    this.listening = false;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.closing || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}
