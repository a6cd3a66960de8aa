#!/usr/bin/env node
// The type check and the lint of the whole workspace in one process, on one TypeScript program per
// package (`pnpm check`). `tsc --noEmit` of a package and typescript-eslint's type-aware rules need the
// same program, and checking it is most of the cost of either: built separately, the type check, the
// lint and the server's test build took 44 + 104 + 38 CPU-seconds on 2 cores (2026-12-06).
//
// `--build-server` (what `pnpm test` runs) also builds the server for the tests from its program —
// what `pnpm --filter @dangjian/server run build:test` does: its type errors, then dist/ and the
// bundle dist/bundle/server.mjs — and tells the parent (an IPC message, `{ serverBuilt }`) before it
// goes on at a lower CPU priority, so the API suite starts as soon as it would after a separate build.
// `pnpm lint` alone (the project service finds the programs, no type errors reported) stays for
// editors and quick runs.
// Every problem names its file and line; the exit status is 1 when there is any.
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { bundleServer } from '../server/scripts/bundle.mjs';
import { copyServerAssets } from '../server/scripts/copy-assets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildServer = process.argv.includes('--build-server');

const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
/** Prints the diagnostics; answers how many. */
function report(diagnostics) {
  if (diagnostics.length > 0) process.stdout.write(ts.formatDiagnostics(diagnostics, host));
  return diagnostics.length;
}

/** The program of one package's tsconfig.json (with `options` over it). */
function program(pkg, options = {}) {
  const file = path.join(root, pkg, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(file, options, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });
  if (!parsed) process.exit(1);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
}

let problems = 0;
const started = Date.now();

// The server first: with --build-server the tests wait for it. Its type errors fail its build (as
// tsc's would), not this check, so they are counted once.
const server = program('server', buildServer ? { declaration: false } : {});
if (buildServer) {
  const errors = report(ts.getPreEmitDiagnostics(server)) + report(server.emit().diagnostics);
  if (errors === 0) {
    copyServerAssets();
    await bundleServer();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(errors === 0 ? `server built (${seconds} s)` : `server build: ${errors} type errors`);
  process.send?.({ serverBuilt: errors === 0 });
  // What is left (the other packages' types, the lint) yields the cores to the tests.
  setPriority(10);
}

const programs = { shared: program('shared'), miniapp: program('miniapp'), server };
for (const pkg of ['shared', 'miniapp']) problems += report(ts.getPreEmitDiagnostics(programs[pkg]));

const eslint = new ESLint({
  cwd: root,
  // The type-aware rules read the programs above instead of building their own.
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parserOptions: { projectService: false, programs: Object.values(programs) } } }],
});
const results = await eslint.lintFiles(['.']);
const lintProblems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
if (lintProblems > 0) process.stdout.write(await (await eslint.loadFormatter('stylish')).format(results));
problems += lintProblems;
console.log(problems === 0 ? `types and lint: clean (${results.length} files)` : `types and lint: ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
