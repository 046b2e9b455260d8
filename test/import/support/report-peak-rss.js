'use strict';
// Preloaded into a `ledger` child process by the import tests (NODE_OPTIONS=--require …): prints
// the process's peak resident set size on stderr as it exits, whatever the exit path.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kib=${process.resourceUsage().maxRSS}\n`);
});
