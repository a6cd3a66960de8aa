#!/usr/bin/env node
// Runs every test suite of the workspace and prints one closing line `N passed, N failed`, counted
// from jest's JSON results (a suite that crashes counts as a failure; a non-zero exit with no
// counted failure counts as one). The checks — lint, format, typecheck — count as one test each
// (a failing check is one failure); they run beside the suites. Every suite and check writes to its
// own log under .test-results/, printed whole when it ends. `pnpm test` calls this; it builds first.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Runs `cmd args` (at a lower CPU priority with `nice`) with its output in `.test-results/NAME.log`;
 * resolves to its exit status, the log and the seconds it took. `onMessage` receives what the child
 * sends over IPC (a node script's `process.send`); `onChild` is given the child process.
 */
function logged(name, cmd, args, opts = {}) {
  const log = path.join(out, `${name}.log`);
  const fd = openSync(log, 'w');
  const started = Date.now();
  const [bin, ...rest] = [...(opts.nice && existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '10'] : []), cmd, ...args];
  const stdio = ['ignore', fd, fd, ...(opts.onMessage ? ['ipc'] : [])];
  const child = spawn(bin, rest, { cwd: root, stdio, env: { ...process.env, FORCE_COLOR: '0', ...(opts.env ?? {}) } });
  closeSync(fd);
  if (opts.onMessage) child.on('message', opts.onMessage);
  void opts.onChild?.(child);
  return new Promise((resolve) => {
    const done = (status) => resolve({ status, log, seconds: (Date.now() - started) / 1000 });
    child.on('error', () => done(1));
    child.on('exit', (code) => done(code ?? 1));
  });
}
const pnpmLogged = (name, args, opts) => logged(name, 'pnpm', args, opts);

/** A build: its line, its whole log when it failed. */
async function build(name, args) {
  const r = await pnpmLogged(name, args);
  console.log(`── ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${r.seconds.toFixed(1)} s)`);
  if (r.status !== 0) console.log(readFileSync(r.log, 'utf8'));
  return r.status === 0;
}

// The browser tests drive Debian's chromium — its headless shell, lighter than the whole browser
// (miniapp/e2e/browser.ts takes /usr/bin/chromium when only that is there); a fresh machine gets it
// here (root + apt only).
function ensureChromium() {
  // A CJK font too, or the screenshots the browser tests leave show boxes for Chinese.
  const browser = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].some((b) => existsSync(b));
  if (browser && existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error('chromium is missing: install it (apt-get install -y chromium-headless-shell fonts-wqy-microhei) for the browser tests');
    return;
  }
  console.log('installing chromium (headless shell) and a CJK font for the browser tests (apt-get)…');
  const install = (pkgs) => `apt-get install -y -qq ${pkgs} fonts-wqy-microhei`;
  const script = `apt-get update -qq && export DEBIAN_FRONTEND=noninteractive && { ${install('chromium-headless-shell')} || ${install('chromium')}; } >/dev/null`;
  spawnSync('sh', ['-c', script], { stdio: 'inherit' });
}

// PostgreSQL 15 job (docs/deployment.md, "CI and PostgreSQL versions"): when the machine's PostgreSQL
// answers, every migration plus the API suites that exercise every database function and trigger,
// and the backup/restore walk-through, run on it too. The full suite runs on the embedded 18 above.
const PG15_URL = process.env.PG15_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG15_SUITES = [
  'test/organisations.e2e-spec.ts',
  'test/members.e2e-spec.ts',
  'test/audit.e2e-spec.ts',
  'test/fees.e2e-spec.ts',
  'test/transfers.e2e-spec.ts',
  'test/study-progress.e2e-spec.ts',
  'test/study-quiz-points.e2e-spec.ts',
  'test/checkin.e2e-spec.ts',
  'test/admin-cli.e2e-spec.ts',
  'test/knowledge.e2e-spec.ts',
  'src/db/pg-version.spec.ts',
];
function pg15Reachable() {
  if (PG15_URL === 'off') return false;
  const r = spawnSync('psql', [PG15_URL, '-Atc', 'SHOW server_version_num'], { encoding: 'utf8', timeout: 5000 });
  if (r.status !== 0) {
    console.log('PostgreSQL 15 job skipped: no PostgreSQL answers at', PG15_URL);
    return false;
  }
  console.log(`PostgreSQL job on ${PG15_URL} (server_version_num ${r.stdout.trim()})`);
  return true;
}

// The suites by what they cost (each measured alone on 2 cores, 2026-12-06): the API suite keeps both
// cores busy (≈ 350 CPU-s in 190 s), so no other suite runs beside it; the browser suite waits on page
// transitions, the network and chromium between its bursts (≈ 480 CPU-s in 290 s, its servers and
// chromium included), so the other suites run beside it. Run all at once at one priority, the same
// work once took 19–22 minutes instead of about 11: past two busy cores every suite's waits and
// timeouts stretch, and the browser tests' waits with them.
const server = { name: 'server', pkg: '@dangjian/server', script: 'test' };
const browser = { name: 'browser', pkg: '@dangjian/miniapp', script: 'test:e2e', needs: ensureChromium };
const besideBrowser = [
  { name: 'shared', pkg: '@dangjian/shared', script: 'test' },
  { name: 'miniapp', pkg: '@dangjian/miniapp', script: 'test' },
  {
    name: 'server-pg15',
    pkg: '@dangjian/server',
    script: 'test',
    args: PG15_SUITES,
    env: { TEST_DATABASE_URL: PG15_URL },
    when: pg15Reachable,
  },
];

// The checks beside the suites, at a lower CPU priority (`nice`), taking what the builds and the
// suites leave of the cores: the format, and the weapp build with its package-size limits (the
// browser tests need only the H5 build). The type check and the lint run in the server's build
// (scripts/check-code.mjs, below), on the programs it builds anyway.
const checks = [
  { name: 'format', args: ['run', '--silent', 'format:check'] },
  { name: 'weapp', args: ['--filter', '@dangjian/miniapp', 'run', 'build:weapp'], afterH5: true },
];

/**
 * The browser suite's demo cluster, made beside the API suite at a lower priority: initdb, the
 * migrations and the demo data are most of that suite's global setup (~13 s that would otherwise wait
 * for the API suite to end). The built server starts once on a fresh data directory and stops cleanly
 * when it is ready, as miniapp/e2e/global-setup.ts would do itself; answers the directory, or
 * undefined when that failed (the global setup then makes its own).
 */
async function prepareBrowserCluster() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-template-'));
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const r = logged('browser-cluster', process.execPath, ['server/dist/src/main.js'], {
    nice: true,
    env: { ...env, LOG_LEVEL: 'warn', DEMO_MODE: 'true', PORT: String(port), HOST: '127.0.0.1', PG_DATA_DIR: dataDir },
    onChild: async (child) => {
      const ready = () =>
        fetch(`http://127.0.0.1:${port}/api/v1/health/ready`).then(
          (res) => res.status === 200,
          () => false,
        );
      const deadline = Date.now() + 300_000;
      while (child.exitCode === null && Date.now() < deadline && !(await ready())) await new Promise((w) => setTimeout(w, 250));
      child.kill('SIGTERM');
    },
  });
  const { status, seconds } = await r;
  console.log(`── browser-cluster: ${status === 0 ? 'ok' : 'FAILED (the browser suite makes its own)'} (${seconds.toFixed(1)} s)`);
  if (status === 0) return dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  return undefined;
}

let passed = 0;
let failed = 0;
const lines = [];

/** One suite: jest with its JSON results, its output kept in its log and printed when it ends. */
async function runSuite(s) {
  const pkgJson = path.join(root, s.pkg.replace('@dangjian/', ''), 'package.json');
  if (!existsSync(pkgJson) || !JSON.parse(readFileSync(pkgJson, 'utf8')).scripts?.[s.script]) return;
  if (s.when && !s.when()) return;
  s.needs?.();
  const file = path.join(out, `${s.name}.json`);
  // Spawned, not run synchronously: the event loop must stay free for the suites and checks beside it.
  const r = await pnpmLogged(s.name, ['--filter', s.pkg, 'run', s.script, '--json', `--outputFile=${file}`, ...(s.args ?? [])], { env: s.env });
  let p = 0;
  let f = 0;
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    p = j.numPassedTests;
    f = j.numFailedTests + j.numRuntimeErrorTestSuites;
  }
  if (r.status !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  const seconds = r.seconds.toFixed(1);
  console.log(`\n── ${s.name} (${seconds} s)\n${readFileSync(r.log, 'utf8').trim()}`);
  lines.push(`${s.name.padEnd(11)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed  ${seconds} s`);
}

// Shared first (everything imports it). Then the server's build — the workspace check's first step —
// and its API suite, which keeps both cores busy, beside the H5 build; the checks start at once at a
// lower priority and take what the two leave (the weapp build after the H5 one: two Taro builds of
// one package at once share its folders), the workspace check's type check and lint too, once it has
// built the server. Then the browser suite with the rest beside it.
if (!(await build('build-shared', ['--filter', '@dangjian/shared', 'run', 'build']))) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const h5Built = build('build-h5', ['--filter', '@dangjian/miniapp', 'run', 'build:h5:test']);
const checkRuns = checks.map((c) => ({
  ...c,
  command: `pnpm ${c.args.join(' ')}`,
  done: (c.afterH5 ? h5Built : Promise.resolve()).then(() => pnpmLogged(c.name, c.args, { nice: true, env: { NO_COLOR: '1' } })),
}));
const check = { name: 'check', command: 'node scripts/check-code.mjs --build-server' };
const checkStarted = Date.now();
let builtMessage;
const serverBuiltMessage = new Promise((resolve) => (builtMessage = resolve));
check.done = logged(check.name, process.execPath, check.command.split(' ').slice(1), { onMessage: (m) => builtMessage(m?.serverBuilt === true) });
// No message: it stopped before the server was built.
void check.done.then(() => builtMessage(false));
checkRuns.unshift(check);
const serverBuilt = await serverBuiltMessage;
console.log(`── build-server: ${serverBuilt ? 'ok' : 'FAILED'} (${((Date.now() - checkStarted) / 1000).toFixed(1)} s, by scripts/check-code.mjs)`);
const browserCluster = serverBuilt ? prepareBrowserCluster() : Promise.resolve(undefined);
if (serverBuilt) await runSuite(server);
else {
  console.log(readFileSync(path.join(out, 'check.log'), 'utf8'));
  failed += 1;
}
await Promise.all([
  (async () => {
    const cluster = await browserCluster;
    if (await h5Built) await runSuite(cluster ? { ...browser, env: { DANGJIAN_E2E_CLUSTER: cluster } } : browser);
    else {
      failed += 1;
      // The browser suite's teardown removes the cluster it started from; without the suite, here.
      if (cluster) rmSync(cluster, { recursive: true, force: true });
    }
  })(),
  (async () => {
    for (const s of besideBrowser) if (serverBuilt || s.pkg !== server.pkg) await runSuite(s);
  })(),
]);
for (const c of checkRuns) {
  const r = await c.done;
  const said = readFileSync(r.log, 'utf8').trim().split('\n');
  // A failing check prints all it said; a passing one its last lines (the weapp sizes, say).
  const shown = r.status === 0 ? said.slice(-12) : said;
  console.log(`\n── ${c.name} (${c.command}): ${r.status === 0 ? 'ok' : 'FAILED'}\n${shown.join('\n')}`);
  if (r.status === 0) passed += 1;
  else failed += 1;
  lines.push(`${c.name.padEnd(11)} ${r.status === 0 ? '   1 passed   0 failed' : '   0 passed   1 failed'}  ${r.seconds.toFixed(1)} s`);
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
