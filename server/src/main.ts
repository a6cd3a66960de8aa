import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config/config.js';
import { createRootLogger } from './common/logger.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from './db/embedded/embedded-postgres.js';
import { migrate, UnsupportedPostgresError } from './db/data-source.js';
import { createApp } from './bootstrap.js';
import { seedDemo } from './demo/demo-seed.js';
import { seedDemoFees } from './demo/demo-fees.js';
import { seedDemoTransfers } from './demo/demo-transfers.js';
import { seedDemoRequests } from './demo/demo-requests.js';
import { seedDemoStudy } from './demo/demo-study.js';

/**
 * Starts everything: configuration, the database (DATABASE_URL or an embedded PostgreSQL),
 * migrations, demo data when DEMO_MODE is on, then the HTTP server with the H5 app.
 * `--demo` (used by `pnpm start`) turns demo mode on unless DEMO_MODE says otherwise.
 */
async function main() {
  const started = performance.now();
  if (process.argv.includes('--demo')) process.env.DEMO_MODE ??= 'true';
  let config;
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

  let embedded: EmbeddedHandle | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    logger.info({ dataDir: config.PG_DATA_DIR }, 'DATABASE_URL not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.PG_DATA_DIR, database: 'dangjian', persistent: true });
    url = embedded.url;
  }
  await migrate(url, config.dataKey);
  if (config.DEMO_MODE) {
    const accounts = await seedDemo(url, config);
    logger.info({ accounts }, 'demo mode: demo accounts');
    process.stdout.write(
      `\n演示账号 (demo accounts, password sign-in on the H5 console or the 演示账号 picker):\n${accounts
        .map((a) => `  ${a.description.padEnd(28)} 用户名 ${a.username}  密码 ${a.password}`)
        .join('\n')}\n\n`,
    );
  }

  const app = await createApp(config, url, logger);
  // Fees go through the fee services, which need the application built.
  if (config.DEMO_MODE) {
    await seedDemoFees(app);
    // Transfers need the fees paid (T3) and the receiving side's accounts.
    await seedDemoTransfers(app);
    await seedDemoStudy(app);
    await seedDemoRequests(app);
  }
  // Stop the embedded database only after Nest has closed the HTTP server and the pool.
  const stopDb = async () => {
    await embedded?.stop();
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  async function shutdown(signal: string) {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // A second signal (an impatient Ctrl-C) must not interrupt the orderly close with a default exit.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => undefined);
    const force = setTimeout(() => process.exit(1), config!.SHUTDOWN_GRACE_S * 1000 + 5000).unref();
    await app.close();
    await stopDb();
    clearTimeout(force);
    process.exit(0);
  }

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ host: config.HOST, port, startMs: Math.round(performance.now() - started), demo: config.DEMO_MODE }, 'ready');
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
