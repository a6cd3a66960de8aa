// The API tests' jest environment: jest's node environment, plus one copy of the server per jest
// worker. Jest evaluates every module again for each test file, in the file's own sandbox — for
// this server (Nest, TypeORM, Fastify, zod and ~400 modules of its own) about 1.3 s of CPU per file
// before a test runs, and the code then runs cold, never optimised. The test files' imports of the
// server and of packages are rewritten (./transform.mjs) to `__serverImport`, Node's own import in
// the worker, so each worker loads the built server (dist/, which `pnpm test` builds first; the
// global setup refuses a stale one) once and every file after the first finds it loaded and warm.
// Each file still builds its own application on its own database (test/utils/app.ts).
import { TestEnvironment } from 'jest-environment-node';

const loaded = new Map();

/**
 * The module's namespace, with a CommonJS module's own properties beside its `default` (jest's
 * sandbox offers named imports of CommonJS packages that Node's import does not always detect).
 */
function serverImport(specifier) {
  let m = loaded.get(specifier);
  if (!m) {
    m = import(specifier).then((ns) => {
      const d = ns.default;
      return Object.freeze({ ...(d !== null && (typeof d === 'object' || typeof d === 'function') ? d : {}), ...ns });
    });
    loaded.set(specifier, m);
  }
  return m;
}

export default class ServerRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__serverImport = serverImport;
    // The server checks `instanceof Date` (pg binds a Date as a timestamp, anything else as JSON):
    // the tests' `new Date(…)` must be the server's Date, not the sandbox's own.
    this.global.Date = Date;
  }
}
