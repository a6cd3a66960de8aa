// Browser test: the real server (embedded PostgreSQL, demo data) serving the H5 build, driven by
// Debian's chromium through playwright-core. Needs `pnpm build:h5` and the server's build first.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 120_000,
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  // One file per core. Each file runs its own server (on its own database) and chromium, but spends most of its
  // time waiting on page transitions and responses (one file at a time kept a 2-core machine a third
  // busy), so a second file fills the gaps: 372 s instead of 648 s alone on 2 cores.
  maxWorkers: '100%',
  // As in the other suites: a worker still closing its file's chromium and server sockets when asked to
  // exit is not a leak; past jest's default 500 ms it would be reported as force-exited.
  workerGracefulExitTimeout: 5000,
};
