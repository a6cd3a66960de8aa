import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export type CaseResult = {
  name: string;
  /** 'http' through the running server, 'sql' straight against the database. */
  via: 'http' | 'sql';
  p50: number;
  p99: number;
  /** Requests (or queries) per second. */
  rps: number;
  requests: number;
  errors: number;
};

/** GET requests from `connections` keep-alive connections for `seconds`; `path()` picks each request's path. */
export async function measureHttp(p: {
  name: string;
  baseUrl: string;
  token: string;
  path: () => string;
  seconds: number;
  connections: number;
}): Promise<CaseResult> {
  const result = await autocannon({
    url: p.baseUrl,
    connections: p.connections,
    duration: p.seconds,
    timeout: 30,
    headers: { authorization: `Bearer ${p.token}` },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: p.path() }) }],
  });
  return {
    name: p.name,
    via: 'http',
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    requests: result['2xx'] + result.non2xx,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** `run()` from `concurrency` loops for `seconds` (each loop awaits its own call): latency per call. */
export async function measureCalls(p: { name: string; run: () => Promise<unknown>; seconds: number; concurrency: number }): Promise<CaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + p.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: p.concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await p.run();
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (f: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))] ?? 0) * 10) / 10;
  return { name: p.name, via: 'sql', p50: q(0.5), p99: q(0.99), rps: Math.round(latencies.length / elapsed), requests: latencies.length, errors };
}

/** A small deterministic PRNG so runs ask for the same pages. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}
