/**
 * The load generator in its own process (forked by a bench): the server's event loop and the
 * generator's timers never share a core's time slice in one process, so the latency measured is
 * the server's. Receives one job over IPC, drives GET requests at a fixed offered rate (open loop,
 * latency from each call's due time) and answers with the figures.
 */
import http from 'node:http';
import { driveAtRate, request } from './drive.js';

export type RateJob = { port: number; token: string; paths: string[]; rate: number; seconds: number };
export type RateAnswer = { p50: number; p99: number; errors: number; achieved: number; requests: number };

process.once('message', (job: RateJob) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  void driveAtRate(job.rate, job.seconds, async (i) => {
    const res = await request(agent, job.port, 'GET', job.paths[i % job.paths.length]!, job.token);
    return res.status === 200;
  }).then((r) => {
    agent.destroy();
    const answer: RateAnswer = { p50: r.p50, p99: r.p99, errors: r.errors, achieved: r.achieved, requests: r.requests };
    process.send!(answer, () => process.exit(0));
  });
});
