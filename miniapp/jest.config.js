// Unit tests: components and pages render in jsdom with @tarojs/taro and @tarojs/components mocked
// (@tarojs/test-utils-react does not work with Taro 4.2.1).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only dependencies of @dangjian/shared (e.g. @noble/hashes) are compiled to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/@noble\\+|@noble/))'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
    '\\.s?css$': '<rootDir>/test/mocks/style.ts',
    // Tests run the H5 side of the same-interface platform files.
    '^@/platform/(api-base|login|scan|network|location|photo|open|live|pay|file-upload|app-visibility|audio|document-viewer)$': '<rootDir>/src/platform/$1.h5',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  clearMocks: true,
  // One worker per core (jest's own default leaves one core idle).
  maxWorkers: '100%',
  // No test leaves a handle behind (each file's active resources at its end are jest's own IPC pipes
  // and timer), but on a loaded machine — CI runs the suites beside the checks — a jsdom worker can
  // take longer than jest's default 500 ms to exit and is reported as force-exited. A real leak (a
  // timer or socket left open) still shows after 5 s.
  workerGracefulExitTimeout: 5000,
};
