import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle', 'server.mjs');

/**
 * Issue 11: Ctrl-C in a terminal signals the whole foreground process group. With the embedded
 * PostgreSQL the shutdown must still log one clean line — no warning or stack trace from the LISTEN
 * connection of the live check-in view — and exit 0.
 */
describe('shutdown', () => {
  it('SIGINT to the process group (Ctrl-C): one clean line, no LISTEN warning or stack, exit 0', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-shutdown-'));
    // As root, PostgreSQL runs as the `postgres` OS user, which must reach the data directory inside.
    chmodSync(dir, 0o755);
    try {
      const child = spawn(process.execPath, [main], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/root',
          PORT: '0',
          LOG_LEVEL: 'info',
          H5_DIR: '/nonexistent',
          PG_DATA_DIR: path.join(dir, 'pg'),
          STORAGE_DIR: path.join(dir, 'files'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, as a shell gives a foreground job.
        detached: true,
      });
      let out = '';
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d.toString();
          if (/智慧党建已启动/.test(out) && /"msg":"ready"/.test(out)) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      // Everything the start wrote has arrived (pino writes asynchronously): what follows is the shutdown's.
      await new Promise((r) => setTimeout(r, 500));
      const before = out.length;
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      const after = out.slice(before).trim().split('\n').filter(Boolean);
      expect(after).toHaveLength(1);
      expect(after[0]).toContain('shutting down');
      expect(out.slice(before)).not.toMatch(/LISTEN|"level":(40|50)|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
