import os from 'node:os';

/**
 * Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through @swc/jest with legacy decorators. The
 * API tests (test/) load the built server once per worker, not once per file: test/realm/.
 */
export default {
  testEnvironment: '<rootDir>/test/realm/environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '<rootDir>/test/realm/transform.mjs',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
  // One worker per core: each test file has its own database (a clone of the migrated template), and
  // the files wait on PostgreSQL as much as they compute, so every core is kept busy.
  maxWorkers: os.availableParallelism(),
  // A worker asked to exit after its last file may still be closing that file's sockets (the app's
  // pool, PostgreSQL's side of a dropped database): past jest's default 500 ms it is reported as
  // force-exited. Nothing is left open for longer (tested with 5 s: no report); a real leak still
  // shows after 5 s.
  workerGracefulExitTimeout: 5000,
  // A worker keeps the server's code for all its files (test/realm/), and its heap grows by ~20 MB a
  // file (jest's per-file sandboxes): past 1.5 GB it is replaced by a fresh one, which loads the server
  // again (~1.3 s). The suite stays under it today (~45 files a worker, ~1 GB).
  workerIdleMemoryLimit: '1.5GB',
};
