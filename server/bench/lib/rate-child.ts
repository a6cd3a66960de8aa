/**
 * The load generator in its own process (forked by a bench): the server's event loop and the
 * generator's timers never share a core's time slice in one process, so the latency measured is
 * the server's. Receives one job over IPC, drives GET requests at a fixed offered rate (open loop,
 * latency from each call's due time) and answers with the figures. With `closedLoop` it instead runs
 * that many calls from `concurrency` loops, each waiting for its answer (throughput).
 *
 * An open loop first runs `warmupSeconds` (default 1) at the same rate, unmeasured, in this same
 * process: the server's plans and caches for these paths warm up, and so do this process's code and
 * sockets. A fresh process's first calls took 30 ms and more of the generator's own time, and with
 * 500 calls a case the fifth slowest is the p99.
 */
import http from 'node:http';
import { drive, driveAtRate, request } from './drive.js';

export type RateJob = {
  port: number;
  token: string;
  paths: string[];
  rate: number;
  seconds: number;
  closedLoop?: { count: number; concurrency: number };
  warmupSeconds?: number;
};
export type RateAnswer = { p50: number; p99: number; errors: number; achieved: number; requests: number };

process.once('message', (job: RateJob) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const call = async (i: number) => (await request(agent, job.port, 'GET', job.paths[i % job.paths.length]!, job.token)).status === 200;
  const run = job.closedLoop
    ? drive(job.closedLoop.count, job.closedLoop.concurrency, call).then((r) => ({ ...r, achieved: r.rps, requests: job.closedLoop!.count }))
    : driveAtRate(job.rate, job.warmupSeconds ?? 1, call).then(() => driveAtRate(job.rate, job.seconds, call));
  void run.then((r) => {
    agent.destroy();
    const answer: RateAnswer = { p50: r.p50, p99: r.p99, errors: r.errors, achieved: r.achieved, requests: r.requests };
    process.send!(answer, () => process.exit(0));
  });
});
