#!/usr/bin/env node
'use strict';
// The `ledger` command (package.json "bin"): a shim over the compiled CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'ledger-cli.js');
if (!existsSync(compiled)) {
  process.stderr.write(`ledger: ${compiled} is missing. Build the ledger first: npm run build\n`);
  process.exit(3);
}
require(compiled)
  .main()
  .catch((error) => {
    process.stderr.write(`ledger: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(3);
  });
