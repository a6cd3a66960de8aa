/**
 * `pnpm bench <name> [--flags]` → `node dist/bench/run.js <name>`: runs bench/<name>.bench.ts,
 * prints progress on stderr, then a table and, as the very last line, one line of JSON.
 * A new benchmark is one more `<name>.bench.ts` file default-exporting a `Bench`.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { table } from './lib/report.js';
import type { Bench, BenchFlags } from './lib/types.js';

/** Hard stop: a benchmark never runs unbounded, whatever happens to the database or the server. */
const WATCHDOG_MS = Number(process.env.BENCH_TIMEOUT_S ?? 20 * 60) * 1000;

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
const available = () =>
  readdirSync(here)
    .filter((f) => f.endsWith(`.bench${ext}`))
    .map((f) => f.slice(0, -`.bench${ext}`.length))
    .sort();

function parse(argv: string[]): { name: string | undefined; flags: BenchFlags } {
  const flags: BenchFlags = {};
  let name: string | undefined;
  for (const a of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (m) flags[m[1]!] = m[2] ?? true;
    else name ??= a;
  }
  return { name, flags };
}

async function main() {
  const { name, flags } = parse(process.argv.slice(2));
  const names = available();
  if (!name || !names.includes(name)) {
    process.stderr.write(`usage: pnpm bench <${names.join('|')}> [--regenerate] [--seconds=N] [--connections=N] [--explain]\n`);
    process.exit(2);
  }
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench ${name}: still running after ${WATCHDOG_MS / 1000} s, giving up\n`);
    process.exit(3);
  }, WATCHDOG_MS);
  watchdog.unref();
  const started = performance.now();
  // The load average before the bench's own load: a figure is only worth reporting from a quiet machine.
  const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const log = (m: string) => process.stderr.write(`[bench ${name}] ${m}\n`);
  const bench = ((await import(`./${name}.bench${ext}`)) as { default: Bench }).default;
  log(bench.description);
  const outcome = await bench.run({ flags, log });
  const totalS = Math.round((performance.now() - started) / 100) / 10;
  for (const d of outcome.details ?? []) process.stdout.write(`${d}\n`);
  process.stdout.write(`\n${table(outcome.cases)}\n\n`);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  process.stdout.write(
    `${JSON.stringify({ bench: name, cores, load_avg_at_start: loadAtStart, ...outcome.summary, total_s: totalS, cases: outcome.cases })}\n`,
  );
  clearTimeout(watchdog);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
