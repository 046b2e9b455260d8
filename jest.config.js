/** The settings every project shares. */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
    // @fastify/static 10 (behind /docs) requires content-disposition 3, an ES module. Node 20.19+
    // can require() it; jest's module loader cannot, so jest compiles it to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  // Longest files first (recorded durations): the two workers end together.
  testSequencer: '<rootDir>/test/support/slowest-first-sequencer.js',
  // `npm run test:durations` records each file's duration for the sequencer.
  reporters: ['default', '<rootDir>/test/support/durations-reporter.js'],
  projects: [
    { ...shared, displayName: 'ledger', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
    // The e2e HTTP suites once more, with the log on the EventStoreDB adapter (protocol test server).
    {
      ...shared,
      displayName: 'http-on-eventstoredb',
      roots: ['<rootDir>/test/http'],
      testMatch: ['**/*.e2e.test.ts'],
      setupFiles: ['<rootDir>/test/support/on-eventstoredb.setup.js'],
    },
  ],
};
