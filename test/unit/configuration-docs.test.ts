/**
 * Every variable the ledger reads is named where an operator looks for it: `ledger --help` and
 * the README's configuration table list each variable `ledger config` prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mainHelp } from '../../src/cli/ledger-cli';
import { effectiveConfiguration } from '../../src/config/effective-config';
import { configFromEnv } from '../../src/config/ledger-config';

const variables = effectiveConfiguration(configFromEnv({})).map((entry) => entry.variable);
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const configureTable = readme.slice(readme.indexOf('### Configure'), readme.indexOf('### Logs'));

describe('the configuration is documented where an operator looks', () => {
  it('reads more than a handful of variables (the list below is not empty by accident)', () => {
    expect(variables.length).toBeGreaterThan(10);
  });

  it.each(variables)('`ledger --help` names %s', (variable) => {
    expect(mainHelp()).toMatch(new RegExp(`\\b${variable}\\b`));
  });

  it.each(variables)('the README\'s configuration table has a row for %s', (variable) => {
    expect(configureTable).toContain(`| \`${variable}\` |`);
  });
});
