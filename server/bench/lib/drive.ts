import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Figures of one driven run: throughput, latency quantiles (ms) and failed calls; `cpu` is what a
 * call cost in CPU ms (Linux): the whole machine's busy time, the server's (when its pid is given:
 * that process and its cluster workers), all PostgreSQL processes' and the load generator's — whatever
 * the number of cores.
 */
export type Driven = { rps: number; p50: number; p99: number; errors: number; cpu: CpuPerCall | null; switches: number | null };
export type CpuPerCall = { machine: number; server: number | null; postgres: number; load: number };

/** Busy CPU ms so far of the machine, a process and the PostgreSQL processes, from /proc (null elsewhere). */
function cpuNow(serverPid?: number) {
  try {
    // /proc/<pid>/stat after "pid (comm) ": state, ppid, …; utime + stime (+ cutime + cstime: the
    // postmaster's reaped backends, gone from /proc) in ms, USER_HZ = 100.
    const ticks = (f: string[], children = false) => (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) * 10;
    const all = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    let postgres = 0;
    let server = 0;
    let switches = 0;
    for (const { pid, comm, f } of processes()) {
      if (comm === 'postgres') postgres += ticks(f, true);
      // The server's process and its children (WORKERS > 1: the cluster's workers).
      else if (serverPid && (pid === serverPid || Number(f[1]) === serverPid)) {
        server += ticks(f);
        switches += contextSwitches(pid);
      }
    }
    const own = process.cpuUsage();
    return {
      machine: (all.reduce((a, b) => a + b, 0) - (all[3] ?? 0) - (all[4] ?? 0)) * 10,
      server: serverPid ? server : null,
      switches: serverPid ? switches : null,
      postgres,
      load: (own.user + own.system) / 1000,
    };
  } catch {
    return null;
  }
}

/**
 * Times the process gave up or lost its core so far (/proc/<pid>/status): per call, how often the
 * server went to sleep and was woken — few when each wake-up finds many requests waiting.
 */
function contextSwitches(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return [...status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  } catch {
    return 0;
  }
}

/** Every process in /proc: its pid, command name and the fields of its stat line after "pid (comm) ". */
export function* processes() {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      yield { pid: Number(d), comm: stat.slice(stat.indexOf('(') + 1, close), f: stat.slice(close + 2).split(' ') };
    } catch {
      // gone meanwhile
    }
  }
}

/** One closed loop before it is summed up: calls, time, each call's latency, failures, CPU at both ends. */
type Loop = { count: number; seconds: number; latencies: number[]; errors: number; cpu0: Cpu | null; cpu1: Cpu | null };
type Cpu = NonNullable<ReturnType<typeof cpuNow>>;

/** Runs `count` calls from `concurrency` loops, each taking the next index: latency per call. */
export async function drive(count: number, concurrency: number, call: (i: number) => Promise<boolean>, serverPid?: number): Promise<Driven> {
  return summed([await loop(count, concurrency, call, serverPid)]);
}

/**
 * `rounds` closed loops of a path and of its floor, alternating (path, floor, path, floor …), each
 * side summed over its rounds: throughput is all its calls over all its time, the quantiles are over
 * all its calls. The speed of this shared machine drifted by 10–30 % from one minute to the next;
 * alternating puts that drift on both sides alike instead of on whichever ran in the slow minute.
 */
export async function alternate(
  rounds: number,
  path: { count: number; concurrency: number; call: (i: number) => Promise<boolean>; pid: number },
  floor: { count: number; concurrency: number; call: (i: number) => Promise<boolean>; pid: number },
): Promise<{ path: Driven; floor: Driven }> {
  const p: Loop[] = [];
  const f: Loop[] = [];
  for (let r = 0; r < rounds; r++) {
    p.push(await loop(path.count, path.concurrency, (i) => path.call(r * path.count + i), path.pid));
    f.push(await loop(floor.count, floor.concurrency, (i) => floor.call(r * floor.count + i), floor.pid));
  }
  return { path: summed(p), floor: summed(f) };
}

async function loop(count: number, concurrency: number, call: (i: number) => Promise<boolean>, serverPid?: number): Promise<Loop> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const cpu0 = cpuNow(serverPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        try {
          if (!(await call(i))) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { count, seconds, latencies, errors, cpu0, cpu1: cpuNow(serverPid) };
}

function summed(loops: Loop[]): Driven {
  const count = loops.reduce((n, l) => n + l.count, 0);
  const seconds = loops.reduce((n, l) => n + l.seconds, 0);
  const perCall = (f: (c: Cpu) => number | null) => {
    let ms = 0;
    for (const l of loops) {
      const [a, b] = [l.cpu0 && f(l.cpu0), l.cpu1 && f(l.cpu1)];
      if (a === null || b === null) return null;
      ms += b - a;
    }
    return Math.round((ms / count) * 1000) / 1000;
  };
  const machine = perCall((c) => c.machine);
  const cpu = machine === null ? null : { machine, server: perCall((c) => c.server), postgres: perCall((c) => c.postgres)!, load: perCall((c) => c.load)! };
  return {
    rps: Math.round(count / seconds),
    ...quantiles(loops.flatMap((l) => l.latencies)),
    errors: loops.reduce((n, l) => n + l.errors, 0),
    cpu,
    switches: machine === null ? null : perCall((c) => c.switches),
  };
}

export function quantiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0) * 10) / 10;
  return { p50: q(0.5), p99: q(0.99) };
}

export function request(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Open-loop load at a fixed rate: call i is due at start + i / rate, whatever earlier calls are
 * doing (no coordinated omission: latency counts from the due time, so a server falling behind shows
 * it). Runs for `seconds`; `achieved` is the completed calls per second over the step.
 */
export async function driveAtRate(
  rate: number,
  seconds: number,
  call: (i: number) => Promise<boolean>,
): Promise<Driven & { offered: number; achieved: number; requests: number }> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const inflight: Array<Promise<void>> = [];
  const started = performance.now();
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const i = sent;
      const dueAt = started + (i / rate) * 1000;
      inflight.push(
        call(i)
          .then((ok) => {
            if (!ok) errors++;
          })
          .catch(() => {
            errors++;
          })
          .finally(() => latencies.push(performance.now() - dueAt)),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  return {
    ...quantiles(latencies),
    errors,
    cpu: null,
    switches: null,
    rps: Math.round(total / elapsed),
    offered: rate,
    achieved: Math.round(total / elapsed),
    requests: total,
  };
}
