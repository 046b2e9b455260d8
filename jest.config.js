const { existsSync, statfsSync } = require('node:fs');

/**
 * The tests' temporary folders (SQLite files, the shared build, browser profiles) go to tmpfs
 * when the machine has one with room: they are real files there too, but the store's
 * synchronous=FULL commit does not wait for a disk (its fsync took 0.6 ms on this machine's disk
 * when idle and 15 ms when busy, against 0.03 ms on tmpfs). No test can tell: a killed process
 * leaves its writes in the page cache, and a power cut is not simulated. Workers and the
 * processes the tests spawn inherit TMPDIR. A TMPDIR set by the caller is kept.
 */
function tmpfsWithRoom(path, minimumBytes) {
  try {
    const stats = statfsSync(path);
    return existsSync(path) && stats.bavail * stats.bsize >= minimumBytes;
  } catch {
    return false;
  }
}
if (!process.env.TMPDIR && tmpfsWithRoom('/dev/shm', 4 * 2 ** 30)) process.env.TMPDIR = '/dev/shm';

/** The settings every project shares. */
const shared = {
  // jest's node environment, naming the file that leaves a handle open (test/support/leak-reporting-environment.js).
  testEnvironment: '<rootDir>/test/support/leak-reporting-environment.js',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @fastify/static 10 (behind /docs) requires content-disposition 3, an ES module. Node 20.19+
    // can require() it; jest's module loader cannot, so jest compiles it to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true, isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A worker compiles each module once, not once per test file (test/support/code-cache-runtime.js).
  runtime: '<rootDir>/test/support/code-cache-runtime.js',
};

/** The HTTP edge's suites (test/http/<name>.e2e.test.ts) that run on SQLite only. */
const EDGE_ONLY_SUITES = [
  'access', 'bad-input', 'device-sessions', 'language', 'public-rate-limit', 'sessions', 'setup-code',
  'sign-in-attempts', 'trusted-proxy',
];

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // Three workers on the two cores this suite is sized for: while a worker waits for Chromium, a
  // child process or a timer, another one computes (alone: 344 s against 360 s with two). Four
  // were slower: the whole run took 924 s against 817 s with three, both from a fresh checkout at
  // 2a4cdc3: the same share of the two cores (157 % and 156 %), but 1,459 s of CPU against 1,280 s.
  maxWorkers: 3,
  // At the end of a run a worker holds two to three GB (its heap, grown by some ninety files), and
  // was still there 500 ms after its last line of JavaScript (freeing such a heap alone takes the
  // kernel some tenths of a second): jest killed it at its default 500 ms and printed "A worker
  // process has failed to exit gracefully" though nothing was left open. A worker something does
  // hold says what (test/support/leak-reporting-environment.js) when jest gives up on it.
  workerGracefulExitTimeout: 5000,
  // Longest files first (recorded durations): the workers end together.
  testSequencer: '<rootDir>/test/support/slowest-first-sequencer.js',
  // `npm run test:durations` records each file's duration for the sequencer.
  reporters: ['default', '<rootDir>/test/support/durations-reporter.js'],
  projects: [
    { ...shared, displayName: 'ledger', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
    // The e2e HTTP suites once more, with the log on the EventStoreDB adapter (protocol test server),
    // but for the edge's own suites: what they assert is decided before the log is reached or
    // without reading it back (roles, sessions and sign-in limits, request validation, languages,
    // proxies, rate limits, the setup link), and answers the same on either backend.
    {
      ...shared,
      displayName: 'http-on-eventstoredb',
      roots: ['<rootDir>/test/http'],
      testMatch: ['**/*.e2e.test.ts'],
      testPathIgnorePatterns: [EDGE_ONLY_SUITES.map((name) => `/test/http/${name}\\.e2e\\.test\\.ts$`).join('|')],
      setupFiles: ['<rootDir>/test/support/on-eventstoredb.setup.js'],
    },
  ],
};
