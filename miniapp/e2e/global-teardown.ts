type EmbeddedHandle = { stop: () => Promise<void> };

export default async function globalTeardown(): Promise<void> {
  // Stops the run's PostgreSQL, which deletes its cluster (started with persistent: false).
  await (globalThis as { __E2E_PG__?: EmbeddedHandle }).__E2E_PG__?.stop();
}
