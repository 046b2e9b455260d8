import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { configFromEnv, DEFAULT_LIMITS, limitsFromEnv } from '../../src/config/ledger-config';
import { effectiveConfiguration, formatConfiguration, HIDDEN, maskConnectionString } from '../../src/config/effective-config';

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('configuration is read in src/config only', () => {
  it('no file outside src/config reads an environment variable: every setting comes through the one validated LedgerConfig', () => {
    const readers: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file);
      if (name.startsWith(`config/`)) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        // Passing the environment on (the CLI's entry point hands process.env to configFromEnv) is not reading it.
        const reads = line.match(/\b(?:process\.env|io\.env|env)(?:\.[A-Za-z_]+|\[)/g) ?? [];
        if (reads.length > 0) readers.push(`src/${name}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(readers).toEqual([]);
  });

  it('the limits, HOST and the rest are checked at start and held in the configuration', () => {
    const config = configFromEnv({ HOST: '127.0.0.1', LEDGER_PUBLIC_RATE_LIMIT: '5', LEDGER_AUTH_FAILURE_LIMIT: '7', LEDGER_IMPORT_BODY_LIMIT_MB: '1' });
    expect(config).toMatchObject({ host: '127.0.0.1', limits: { publicRequestsPerMinute: 5, authFailuresPerMinute: 7, importBodyMegabytes: 1 } });
    expect(configFromEnv({})).toMatchObject({ host: '0.0.0.0', limits: DEFAULT_LIMITS });
    expect(limitsFromEnv({ LEDGER_PUBLIC_RATE_LIMIT: '9' })).toEqual({ ...DEFAULT_LIMITS, publicRequestsPerMinute: 9 });
    expect(() => configFromEnv({ HOST: 'http://0.0.0.0' })).toThrow(/HOST must be an address or host name to bind/);
  });
});

describe('the effective configuration (`ledger config`)', () => {
  const adminToken = 'admin-token-secret-0123456789';
  const metricsToken = 'metrics-token-secret-0123456789';

  it('names every variable with its value in force, defaults included', () => {
    const shown = Object.fromEntries(effectiveConfiguration(configFromEnv({})).map((entry) => [entry.variable, entry.value]));
    expect(shown).toEqual({
      LEDGER_STORE: 'sqlite', LEDGER_DATA_DIR: expect.stringMatching(/\/data$/), EVENTSTORE_CONNECTION_STRING: null, EVENTSTORE_MAX_APPEND_SIZE: null, PORT: 3000, HOST: '0.0.0.0',
      LEDGER_ADMIN_TOKEN: null, LEDGER_LOG_LEVEL: 'info', LEDGER_TRUST_PROXY: null, LEDGER_METRICS_TOKEN: null, LEDGER_PUBLIC_URL: null,
      LEDGER_PUBLIC_RATE_LIMIT: 600, LEDGER_AUTH_FAILURE_LIMIT: 60, LEDGER_BULK_REQUESTS_PER_TURN: 16, LEDGER_IMPORT_BODY_LIMIT_MB: 200,
      LEDGER_SIGNING_KEY_FILE: null, LEDGER_SIGNING_KEY_SEED: null, LEDGER_CHECKPOINT_ORIGIN: 'localhost:3000', LEDGER_CHECKPOINT_INTERVAL: 10,
    });
  });

  it('hides tokens and the password of the connection string, and keeps hosts and options readable', () => {
    const config = configFromEnv({
      LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://ledger:s3cret-pass@node1:2113,node2:2113?tls=true&tlsVerifyCert=false',
      LEDGER_ADMIN_TOKEN: adminToken, LEDGER_METRICS_TOKEN: metricsToken, LEDGER_TRUST_PROXY: '1',
    });
    const text = formatConfiguration(effectiveConfiguration(config));
    for (const secret of [adminToken, metricsToken, 's3cret-pass']) expect(text).not.toContain(secret);
    expect(text).toContain(`EVENTSTORE_CONNECTION_STRING=esdb://ledger:${HIDDEN}@node1:2113,node2:2113?tls=true&tlsVerifyCert=false`);
    expect(text).toMatch(new RegExp(`^LEDGER_ADMIN_TOKEN=\\*{8} +# set; hidden$`, 'm'));
    expect(text).toMatch(/^LEDGER_METRICS_TOKEN=\*{8} +# set; hidden$/m);
    expect(text).toMatch(/^LEDGER_TRUST_PROXY=1$/m);
  });

  it.each([
    ['esdb://admin:changeit@localhost:2113?tls=false', `esdb://admin:${HIDDEN}@localhost:2113?tls=false`],
    ['esdb+discover://u:p%40ss@cluster.example:2113', `esdb+discover://u:${HIDDEN}@cluster.example:2113`],
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb://localhost:2113?password=hunter22&tls=false', `esdb://localhost:2113?password=${HIDDEN}&tls=false`],
    // Not percent-encoded, as people type them: the client takes "pa/ss" whole; "p@ss" is hidden whole too.
    ['esdb://admin:pa/ss@localhost:2113?tls=false', `esdb://admin:${HIDDEN}@localhost:2113?tls=false`],
    ['esdb://admin:p@ss@localhost:2113?tls=false', `esdb://admin:${HIDDEN}@localhost:2113?tls=false`],
  ])('masks %s as %s', (connection, masked) => {
    expect(maskConnectionString(connection)).toBe(masked);
  });
});
