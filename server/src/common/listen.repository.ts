import pg from 'pg';

/** Subscribes a dedicated connection to NOTIFYs on `channel` (the SQL of PgListener). */
export async function listenOn(client: pg.Client, channel: string): Promise<void> {
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
}
