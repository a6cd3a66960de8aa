#!/usr/bin/env node
// `pnpm start`'s build step (issue 12): builds shared, the server and the H5 app only when their
// inputs changed since the last build made by this script. Each output keeps a stamp — a SHA-256 over
// the build command and every input file's path and content (and the stamps it depends on) — and a
// build whose stamp matches is skipped, so a second start goes straight to the server instead of
// spending minutes on an identical H5 build. Any other build (`pnpm test`'s unminified H5 build, a
// manual `tsc`) leaves the stamp stale or missing, and the next start builds again.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The pnpm that runs `pnpm start`: a script (run it with this node) or, as npx installs pnpm 12, a
// native executable (run it as it is).
const execpath = process.env.npm_execpath;
const pnpm = !execpath ? ['npx', '-y', 'pnpm@12.21.0'] : /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];

const targets = [
  {
    name: 'shared',
    pkg: '@dangjian/shared',
    script: 'build',
    inputs: ['shared/src', 'shared/package.json', 'shared/tsconfig.json', 'shared/tsconfig.build.json'],
    stamp: 'shared/dist/.build-stamp',
  },
  {
    name: 'server',
    pkg: '@dangjian/server',
    script: 'build',
    inputs: ['server/src', 'server/scripts', 'server/package.json', 'server/tsconfig.json', 'server/tsconfig.build.json', 'shared/dist/.build-stamp'],
    stamp: 'server/dist/.build-stamp',
  },
  {
    name: 'H5 app',
    pkg: '@dangjian/miniapp',
    script: 'build:h5',
    inputs: ['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'miniapp/babel.config.js', 'miniapp/tsconfig.json', 'shared/dist/.build-stamp'],
    stamp: 'miniapp/dist/h5/.build-stamp',
  },
];

function files(p) {
  const abs = path.join(root, p);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [p];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && e.name !== 'dist')
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => files(path.join(p, e.name)));
}

function stampOf(t) {
  const h = createHash('sha256').update(`${t.pkg} ${t.script}\n`);
  for (const f of t.inputs.flatMap(files)) h.update(`${f}\n`).update(readFileSync(path.join(root, f)));
  return h.digest('hex');
}

for (const t of targets) {
  const want = stampOf(t);
  const stampFile = path.join(root, t.stamp);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) {
    console.log(`${t.name}: unchanged since its last build, not rebuilt`);
    continue;
  }
  console.log(`${t.name}: building…`);
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', t.pkg, 'run', t.script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, want);
}
