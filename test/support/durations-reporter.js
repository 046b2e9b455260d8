// With RECORD_TEST_DURATIONS=1 (`npm run test:durations`), records how long each test file took,
// by jest project, into suite-durations.json (the order slowest-first-sequencer.js runs them in),
// and prints the slowest files. Files of this run replace their old figures; others are kept, and
// files that no longer exist are dropped.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const FILE = join(__dirname, 'suite-durations.json');

class DurationsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.seconds = [];
  }

  onTestResult(test, result) {
    if (result.skipped || result.testExecError) return;
    const project = test.context.config.displayName?.name ?? 'ledger';
    const path = relative(test.context.config.rootDir, test.path).split('\\').join('/');
    const runtime = result.perfStats.runtime ?? result.perfStats.end - result.perfStats.start;
    this.seconds.push([project, path, Math.round(runtime / 100) / 10]);
  }

  onRunComplete() {
    if (process.env.RECORD_TEST_DURATIONS !== '1' || this.seconds.length === 0) return;
    const recorded = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
    for (const [project, path, seconds] of this.seconds) (recorded[project] ??= {})[path] = seconds;
    const sorted = {};
    for (const project of Object.keys(recorded).sort()) {
      sorted[project] = {};
      for (const path of Object.keys(recorded[project]).sort()) if (existsSync(join(this.rootDir, path))) sorted[project][path] = recorded[project][path];
    }
    writeFileSync(FILE, `${JSON.stringify(sorted, null, 1)}\n`);
    const slowest = [...this.seconds].sort((a, b) => b[2] - a[2]).slice(0, 15);
    process.stderr.write(`\nSlowest test files (recorded in ${relative(this.rootDir, FILE)}):\n${slowest.map(([project, path, s]) => `  ${String(s).padStart(6)} s  ${project}  ${path}`).join('\n')}\n`);
  }
}

module.exports = DurationsReporter;
