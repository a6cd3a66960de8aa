// The files the built server reads beside its code (the demo data's pictures and documents): tsc
// copies none. `pnpm run assets` after each build, and the workspace check's server build.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function copyServerAssets() {
  cpSync(path.join(server, 'src/demo/assets'), path.join(server, 'dist/src/demo/assets'), { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) copyServerAssets();
