/**
 * An upload from its own process (forked by a bench, like rate-child): POSTs one file as the raw body
 * and answers with the status and the time to the full answer, so building and sending the file
 * shares no core time with the server being measured.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type UploadJob = { port: number; token: string; path: string; file: string; contentType: string };
export type UploadAnswer = { status: number; ms: number; text: string };

process.once('message', (job: UploadJob) => {
  const body = readFileSync(job.file);
  const t0 = performance.now();
  const req = http.request(
    {
      host: '127.0.0.1',
      port: job.port,
      method: 'POST',
      path: job.path,
      headers: { authorization: `Bearer ${job.token}`, 'content-type': job.contentType, 'content-length': body.length },
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const answer: UploadAnswer = {
          status: res.statusCode ?? 0,
          ms: Math.round(performance.now() - t0),
          text: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
        };
        process.send!(answer, () => process.exit(0));
      });
    },
  );
  req.on('error', (err) => process.send!({ status: 0, ms: 0, text: String(err) } satisfies UploadAnswer, () => process.exit(0)));
  req.end(body);
});
