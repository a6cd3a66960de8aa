/**
 * The benches' floor (issue 12), forked by lib/processes: the cheapest useful write a web service can
 * do — one bare Fastify route, one pg pool, one single-row INSERT … RETURNING — so every hot path's
 * throughput is stated as a ratio to it, measured on the same database in the same run.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.FLOOR_DATABASE_URL,
  max: Number(process.env.FLOOR_POOL_SIZE ?? 20),
  application_name: 'dangjian-floor',
});
await pool.query(
  `CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, run text NOT NULL, k text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
);
const run = `${process.pid}-${Date.now()}`;
const app = Fastify({ logger: false });
app.post('/floor', async (req) => {
  const { k } = req.body as { k: string };
  const { rows } = await pool.query<{ id: string }>(`INSERT INTO bench_floor (run, k) VALUES ($1, $2) RETURNING id`, [run, k]);
  return { id: rows[0]!.id };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
