import cluster, { type Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createRootLogger } from './common/logger.js';
import { startEmbeddedPostgres } from './db/embedded/embedded-postgres.js';
import { UnsupportedPostgresError } from './db/pg-version.js';

/** The application's modules, loaded on demand (main-modules.ts). */
const loadModules = () => import('./main-modules.js');
type Modules = Awaited<ReturnType<typeof loadModules>>;

/** Set by the primary for the one worker that seeds the demo data needing the application. */
const SEED_ENV = 'DANGJIAN_WORKER_SEEDS';
/** A worker that dies is replaced after this delay (not at once: a crash at start would loop hot). */
const RESPAWN_MS = 1000;

type Ready = { type: 'ready'; port: number };

/**
 * Starts everything: configuration, the database (DATABASE_URL or an embedded PostgreSQL),
 * migrations, demo data when DEMO_MODE is on, then the HTTP server with the H5 app.
 * `--demo` (used by `pnpm start`) turns demo mode on unless DEMO_MODE says otherwise.
 *
 * With WORKERS > 1 (issue 12) this process is the primary of a Node cluster: it starts the embedded
 * database (when there is no DATABASE_URL), migrates and seeds once, then forks the workers, which
 * share the listening port (the primary hands out connections) and all use that one database. It
 * stops them all on SIGTERM/SIGINT, each finishing its requests in flight, and only then the database.
 */
async function main() {
  const started = performance.now();
  if (process.argv.includes('--demo')) process.env.DEMO_MODE ??= 'true';
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createRootLogger(config.LOG_LEVEL);
  if (cluster.isWorker) return runWorker(config, logger.child({ worker: cluster.worker!.id }));

  if (!config.DATABASE_URL) logger.info({ dataDir: config.PG_DATA_DIR }, 'DATABASE_URL not set: starting embedded PostgreSQL');
  // Every worker has its pool and its LISTEN connection.
  const maxConnections = Math.max(100, config.WORKERS * (config.DB_POOL_SIZE + 2) + 20);
  // The embedded PostgreSQL starts in its own process while this one loads the application.
  const [m, embedded] = await Promise.all([
    loadModules(),
    config.DATABASE_URL ? undefined : startEmbeddedPostgres({ dataDir: config.PG_DATA_DIR, database: 'dangjian', persistent: true, maxConnections }),
  ]);
  const url = config.DATABASE_URL ?? embedded!.url;
  await m.migrate(url, config.dataKey);
  if (config.DEMO_MODE) {
    const accounts = await m.seedDemo(url, config);
    logger.info({ accounts }, 'demo mode: demo accounts');
    process.stdout.write(
      `\n演示账号 (demo accounts, password sign-in on the H5 console or the 演示账号 picker):\n${accounts
        .map((a) => `  ${a.description.padEnd(28)} 用户名 ${a.username}  密码 ${a.password}`)
        .join('\n')}\n\n`,
    );
  }
  const stopDb = async () => {
    await embedded?.stop();
  };

  if (config.WORKERS === 1) {
    const { app, port } = await serve(m, config, url, logger, true);
    onSignals(logger, config, async () => {
      await app.close();
      // The embedded database only after Nest has closed the HTTP server and the pool.
      await stopDb();
      return 0;
    });
    announce(config, logger, port, started, 1);
    return;
  }

  const workers = await startWorkers(config, url, logger);
  onSignals(logger, config, async () => {
    const codes = await workers.stop();
    await stopDb();
    return codes.every((c) => c === 0) ? 0 : 1;
  });
  announce(config, logger, workers.port, started, config.WORKERS);
}

/** The application on `url`, with the demo data that needs it when asked, listening. */
async function serve(m: Modules, config: AppConfig, url: string, logger: Logger, seedsDemo: boolean): Promise<{ app: NestFastifyApplication; port: number }> {
  const app = await m.createApp(config, url, logger);
  // Fees go through the fee services, which need the application built.
  if (config.DEMO_MODE && seedsDemo) {
    await m.seedDemoFees(app);
    // Transfers need the fees paid (T3) and the receiving side's accounts.
    await m.seedDemoTransfers(app);
    await m.seedDemoStudy(app);
    await m.seedDemoVolunteer(app);
    // Points and cards after study (its points share the ledger).
    await m.seedDemoCardPoints(app);
    await m.seedDemoRequests(app);
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  return { app, port: typeof address === 'object' && address ? address.port : config.PORT };
}

/** A cluster worker: the primary has migrated and seeded; it passes the database's URL. */
async function runWorker(config: AppConfig, logger: Logger) {
  const { app, port } = await serve(await loadModules(), config, config.DATABASE_URL!, logger, process.env[SEED_ENV] === '1');
  onSignals(logger, config, async () => {
    await app.close();
    return 0;
  });
  // The primary went away without telling us (killed): do not live on as an orphan.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.send!({ type: 'ready', port } satisfies Ready);
}

/**
 * Forks config.WORKERS workers — the first seeds the demo data, the others start once it listens —
 * and replaces any that dies until `stop`. Resolves when all listen.
 */
async function startWorkers(config: AppConfig, url: string, logger: Logger) {
  let stopping = false;
  const fork = (seeds: boolean) =>
    new Promise<{ worker: Worker; port: number }>((resolve, reject) => {
      const worker = cluster.fork({ DATABASE_URL: url, [SEED_ENV]: seeds ? '1' : '0' });
      const onExit = (code: number | null) => reject(new Error(`worker exited (${code}) before listening`));
      worker.once('exit', onExit);
      worker.on('message', (m: Ready) => {
        if (m?.type !== 'ready') return;
        worker.off('exit', onExit);
        resolve({ worker, port: m.port });
      });
    });
  const first = await fork(config.DEMO_MODE);
  await Promise.all(Array.from({ length: config.WORKERS - 1 }, () => fork(false)));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ worker: worker.id, code, signal }, 'worker died: starting another');
    setTimeout(() => {
      if (!stopping) fork(false).catch((err: Error) => logger.error({ err }, 'worker did not start'));
    }, RESPAWN_MS).unref();
  });
  return {
    port: first.port,
    /** SIGTERM to every worker (each finishes its requests in flight); their exit codes. */
    stop: async () => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w && !w.isDead()));
      return Promise.all(
        alive.map(
          (w) =>
            new Promise<number>((resolve) => {
              w.once('exit', (code) => resolve(code ?? 1));
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** The first SIGTERM/SIGINT runs `stop` (within SHUTDOWN_GRACE_S + 5 s) and exits with its code. */
function onSignals(logger: Logger, config: AppConfig, stop: () => Promise<number>) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    // Ctrl-C reaches the primary and every worker, and the primary then sends SIGTERM too: once is enough.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // A second signal (an impatient Ctrl-C) must not interrupt the orderly close with a default exit.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => undefined);
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_S * 1000 + 5000).unref();
    const code = await stop();
    clearTimeout(force);
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function announce(config: AppConfig, logger: Logger, port: number, started: number, workers: number) {
  logger.info({ host: config.HOST, port, workers, startMs: Math.round(performance.now() - started), demo: config.DEMO_MODE }, 'ready');
  process.stdout.write(`智慧党建已启动: http://127.0.0.1:${port}/  (API 文档 http://127.0.0.1:${port}/api/v1/docs)\n`);
  if (config.DEMO_MODE && !process.env.HOST) {
    // Demo accounts have published passwords: by default only this machine can reach them.
    process.stdout.write('演示模式只监听本机 127.0.0.1（其他设备无法访问）；需要局域网访问时请设置 HOST=0.0.0.0。\n');
  }
  if (config.DEMO_MODE && !config.demoSignIn) {
    process.stdout.write('NODE_ENV=production：演示账号登录已禁用。\n');
  }
}

main().catch((err) => {
  if (err instanceof UnsupportedPostgresError) {
    process.stderr.write(`启动失败: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`启动失败: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
