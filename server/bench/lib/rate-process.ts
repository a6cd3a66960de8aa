import { fork, type Serializable } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RateAnswer, RateJob } from './rate-child.js';
import type { UploadAnswer, UploadJob } from './upload-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));

/** Runs `job` in a forked load-generator process (bench/lib/rate-child) and returns its figures. */
export const driveInChild = (job: RateJob) => inChild<RateJob, RateAnswer>('rate-child', job);

/** Sends one file upload from a forked process (bench/lib/upload-child). */
export const uploadInChild = (job: UploadJob) => inChild<UploadJob, UploadAnswer>('upload-child', job);

function inChild<J extends Serializable, A>(script: string, job: J): Promise<A> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, `${script}${ext}`), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (m: A) => {
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
