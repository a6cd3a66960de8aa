import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processes } from './drive.js';

/**
 * A CPU budget for chosen processes, through the kernel's CFS bandwidth control (Linux cgroups, v2 or
 * v1, as root): each process gets a cgroup of its own that may use `cores` cores' time, the rest of
 * the machine runs unlimited. `pnpm bench scale --cpu-per-worker=0.25` caps each server process, so
 * that throughput is limited by what each process may use rather than by the machine's cores.
 */
export type CpuQuota = { release: () => void };

/** Where the cgroup hierarchy with the cpu controller is, or why there is none. */
function cpuHierarchy(): { root: string; v2: boolean } | string {
  if (process.platform !== 'linux') return 'CPU quotas need Linux cgroups';
  const v2 = ['/sys/fs/cgroup', '/sys/fs/cgroup/unified'].find((d) => {
    try {
      return readFileSync(path.join(d, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu');
    } catch {
      return false;
    }
  });
  if (v2) return { root: v2, v2: true };
  if (existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')) return { root: '/sys/fs/cgroup/cpu', v2: false };
  return 'no cgroup hierarchy with the cpu controller is mounted';
}

/** The scheduling period: short, so a throttled process waits at most a few ms instead of 75 of 100. */
const PERIOD_US = 10_000;

/** Limits each of `pids` (all its threads) to `cores` of CPU time; throws when the machine cannot. */
export function limitCpu(pids: number[], cores: number): CpuQuota {
  const h = cpuHierarchy();
  if (typeof h === 'string') throw new Error(`--cpu-per-worker: ${h}`);
  const quota = Math.max(1000, Math.round(cores * PERIOD_US));
  const made: string[] = [];
  const release = () => {
    for (const dir of made.splice(0)) {
      // Back to the root group (a group with processes in it cannot be removed), then remove it.
      for (const pid of readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try {
          writeFileSync(path.join(h.root, 'cgroup.procs'), pid);
        } catch {
          // exited meanwhile
        }
      }
      rmdirSync(dir);
    }
  };
  try {
    for (const pid of pids) {
      const dir = path.join(h.root, `dangjian-bench-${process.pid}-${pid}`);
      mkdirSync(dir);
      made.push(dir);
      if (h.v2) writeFileSync(path.join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
      else {
        writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
        writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quota));
      }
      // cgroup.procs moves the whole process, every thread of it (libuv's pool, V8's GC).
      writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
    }
  } catch (err) {
    release();
    throw new Error(`--cpu-per-worker: cannot set a CPU quota here (${(err as Error).message}); it needs root and a writable cgroup hierarchy`, {
      cause: err,
    });
  }
  return { release };
}

/** The processes that serve requests: the server's own, or with WORKERS > 1 its cluster workers. */
export function servingPids(serverPid: number, workers: number): number[] {
  if (workers === 1) return [serverPid];
  const children = [...processes()].filter((p) => Number(p.f[1]) === serverPid).map((p) => p.pid);
  if (children.length !== workers) throw new Error(`expected ${workers} workers of ${serverPid}, found ${children.length}`);
  return children;
}
