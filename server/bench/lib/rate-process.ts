import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RateAnswer, RateJob } from './rate-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));

/** Runs `job` in a forked load-generator process (bench/lib/rate-child) and returns its figures. */
export function driveInChild(job: RateJob): Promise<RateAnswer> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, `rate-child${ext}`), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (m: RateAnswer) => {
      answered = true;
      resolve(m);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator exited with ${String(code)} before answering`));
    });
    child.send(job);
  });
}
