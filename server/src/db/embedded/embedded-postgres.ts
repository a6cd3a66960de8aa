import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LauncherMessage, LauncherRequest } from './protocol.js';

export type EmbeddedHandle = { url: string; stop: () => Promise<void> };

export class EmbeddedPostgresStartError extends Error {
  constructor(
    reason: string,
    readonly log: string[],
  ) {
    super(`嵌入式 PostgreSQL 启动失败: ${reason}\n--- PostgreSQL log (last lines) ---\n${log.join('\n')}`);
  }
}

/**
 * Starts PostgreSQL in a forked launcher and resolves with its URL. When this process dies, however
 * it dies, the launcher sees its IPC channel close and stops PostgreSQL.
 */
export function startEmbeddedPostgres(req: LauncherRequest, timeoutMs = 120_000): Promise<EmbeddedHandle> {
  // Always fork the built launcher: under jest this file runs from src/, and Node 20 cannot run .ts.
  // `pnpm test` builds first.
  const here = fileURLToPath(import.meta.url);
  const launcher = here.endsWith('.ts')
    ? here.replace(/src\/db\/embedded\/embedded-postgres\.ts$/, 'dist/src/db/embedded/launcher.js')
    : here.replace(/embedded-postgres\.js$/, 'launcher.js');
  // Its own process group: Ctrl-C in a terminal signals the server only, which closes its connections
  // and then stops PostgreSQL, instead of PostgreSQL dying under the open LISTEN connection.
  const child: ChildProcess = fork(launcher, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], detached: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new EmbeddedPostgresStartError(`no answer within ${timeoutMs / 1000} s`, []));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresStartError(`launcher exited with code ${code}`, []));
    });
    child.on('message', (msg: LauncherMessage) => {
      clearTimeout(timer);
      if (msg.type === 'failed') {
        reject(new EmbeddedPostgresStartError(msg.reason, msg.log));
        return;
      }
      child.removeAllListeners('exit');
      resolve({
        url: msg.url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
    child.send(req);
  });
}
