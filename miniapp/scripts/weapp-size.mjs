// Reports the weapp main package size (everything outside the subpackage roots) and each subpackage's,
// and fails when one passes WeChat's limits, so an oversized build never reaches upload.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 1024 * 1024; // the project's own budget; WeChat allows 2 MB
const SUB_LIMIT = 2 * 1024 * 1024;
const root = fileURLToPath(new URL('../dist/weapp/', import.meta.url));

const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

const sizes = new Map([['main', 0], ...subRoots.map((r) => [r, 0])]);
for (const file of files(root)) {
  if (file.endsWith('.LICENSE.txt') || file.endsWith('.map')) continue;
  const rel = relative(root, file).split(sep).join('/');
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
  sizes.set(owner, sizes.get(owner) + statSync(file).size);
}

let failed = false;
for (const [name, bytes] of sizes) {
  const limit = name === 'main' ? MAIN_LIMIT : SUB_LIMIT;
  const over = bytes > limit;
  failed ||= over;
  console.log(`${over ? 'OVER ' : ''}${name.padEnd(20)} ${(bytes / 1024).toFixed(1)} KB`);
}
if (failed) process.exit(1);
