import type { BrowserServer } from 'playwright-core';
import type { EmbeddedHandle } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis as { __E2E_PG__?: EmbeddedHandle; __E2E_BROWSER__?: BrowserServer };
  await run.__E2E_BROWSER__?.close();
  // Stops the run's PostgreSQL, which deletes its cluster (started with persistent: false).
  await run.__E2E_PG__?.stop();
}
