import { resolve } from 'node:path';

export interface LedgerConfig {
  store: 'sqlite' | 'eventstoredb';
  dataDir: string;
  eventStoreConnectionString: string | null;
  port: number;
  adminToken: string | null;
  /** Structured request and error logs; off in tests unless asked for. */
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export class ConfigError extends Error {}

/** Configuration from the environment, as api.md §Configuration names it. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const store = env.LEDGER_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'eventstoredb') throw new ConfigError(`LEDGER_STORE must be sqlite or eventstoredb, not ${store}`);
  const connection = env.EVENTSTORE_CONNECTION_STRING ?? null;
  if (store === 'eventstoredb' && !connection) throw new ConfigError('LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not ${env.PORT}`);
  const adminToken = env.LEDGER_ADMIN_TOKEN ?? null;
  if (adminToken !== null && !/^[\x21-\x7e]{16,512}$/.test(adminToken)) {
    throw new ConfigError('LEDGER_ADMIN_TOKEN must be 16–512 printable characters without spaces');
  }
  const logLevel = (env.LEDGER_LOG_LEVEL ?? 'info') as LedgerConfig['logLevel'];
  return { store, dataDir: resolve(env.LEDGER_DATA_DIR ?? './data'), eventStoreConnectionString: connection, port, adminToken, logLevel };
}
