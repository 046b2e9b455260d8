// Orders the test files longest first, so that jest's workers finish together instead of one
// starting the simulation or a browser journey when the others have nothing left to do.
//
// A file's expected duration is, in order: what it took in this checkout's last run (jest's own
// cache), what it took in the run recorded in suite-durations.json (CI runs from a fresh clone,
// without a cache), or, for a file newer than that record, a guess from its kind and size.
// `npm run test:durations` records a run's durations (see the README's "Test suite speed").
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const recorded = require('./suite-durations.json');

/** Seconds a file of an unrecorded kind is expected to take. */
function guess(path, size) {
  if (/\.journey\.test\.ts$/.test(path)) return 30;
  if (/\/test\/(cli|crash)\//.test(path)) return 30;
  if (/\.(e2e|http)\.test\.ts$/.test(path)) return 8;
  // About a second for every 2 kB of test code: plain unit tests are small and quick.
  return Math.min(20, size / 2000);
}

class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    const expected = new Map();
    for (const test of tests) {
      const project = test.context.config.displayName?.name ?? 'ledger';
      const path = relative(test.context.config.rootDir, test.path).split('\\').join('/');
      const cached = this.time(test);
      const seconds = cached != null ? cached / 1000 : recorded[project]?.[path] ?? guess(test.path, test.context.hasteFS.getSize(test.path) ?? 0);
      expected.set(test, seconds);
    }
    return [...tests].sort((a, b) => expected.get(b) - expected.get(a) || (a.path < b.path ? -1 : 1));
  }
}

module.exports = SlowestFirstSequencer;
