import { resolve } from 'node:path';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

export interface LedgerConfig {
  store: 'sqlite' | 'eventstoredb';
  dataDir: string;
  eventStoreConnectionString: string | null;
  port: number;
  adminToken: string | null;
  /** Structured request and error logs; off in tests unless asked for. */
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Which reverse proxies are believed when they name the client in X-Forwarded-For: the number
   * of proxy hops in front of the ledger, or their addresses (IP or CIDR). Absent, nobody is, so
   * a caller cannot pick its own rate-limit bucket by sending the header.
   */
  trustProxy?: number | string;
  /** When set, GET /metrics needs it as a bearer token; unset, the metrics are public. */
  metricsToken?: string;
}

/** A configuration variable with a value the ledger cannot use; the message names it and what it accepts. */
export class ConfigError extends Error {}

/**
 * Variables read where they are used (per request), checked here at start so a bad value stops
 * the process with one line instead of being ignored later.
 */
const POSITIVE_INTEGER_VARIABLES = ['LEDGER_PUBLIC_RATE_LIMIT', 'LEDGER_AUTH_FAILURE_LIMIT', 'LEDGER_IMPORT_BODY_LIMIT_MB'] as const;

/** Configuration from the environment, as api.md §Configuration names it. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const store = env.LEDGER_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'eventstoredb') throw new ConfigError(`LEDGER_STORE must be sqlite or eventstoredb, not "${store}"`);
  const connection = env.EVENTSTORE_CONNECTION_STRING ?? null;
  if (store === 'eventstoredb' && !connection) throw new ConfigError('LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  const port = env.PORT === undefined ? 3000 : /^\d{1,5}$/.test(env.PORT) ? Number(env.PORT) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new ConfigError(`PORT must be a port number from 0 to 65535, not "${env.PORT}"`);
  const adminToken = env.LEDGER_ADMIN_TOKEN ?? null;
  if (adminToken !== null && !/^[\x21-\x7e]{16,512}$/.test(adminToken)) {
    throw new ConfigError('LEDGER_ADMIN_TOKEN must be 16–512 printable characters without spaces');
  }
  const logLevel = env.LEDGER_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) throw new ConfigError(`LEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  for (const name of POSITIVE_INTEGER_VARIABLES) {
    const value = env[name];
    if (value !== undefined && !/^[1-9]\d{0,8}$/.test(value)) throw new ConfigError(`${name} must be a whole number from 1 to 999999999, not "${value}"`);
  }
  const config: LedgerConfig = { store, dataDir: resolve(env.LEDGER_DATA_DIR ?? './data'), eventStoreConnectionString: connection, port, adminToken, logLevel };
  const trustProxy = trustedProxies(env.LEDGER_TRUST_PROXY);
  if (trustProxy !== undefined) config.trustProxy = trustProxy;
  const metricsToken = env.LEDGER_METRICS_TOKEN;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(metricsToken)) {
    throw new ConfigError('LEDGER_METRICS_TOKEN must be 16–512 printable characters without spaces');
  }
  if (metricsToken !== undefined) config.metricsToken = metricsToken;
  return config;
}

const IPV4_OR_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6_OR_CIDR = /^[0-9a-f:]*:[0-9a-f:.]*(\/\d{1,3})?$/i;

/** LEDGER_TRUST_PROXY: a hop count (1–10) or a comma-separated list of proxy addresses or CIDR ranges. */
function trustedProxies(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^([1-9]|10)$/.test(value)) return Number(value);
  const addresses = value.split(',').map((part) => part.trim());
  if (addresses.every((address) => IPV4_OR_CIDR.test(address) || IPV6_OR_CIDR.test(address))) return addresses.join(',');
  throw new ConfigError(`LEDGER_TRUST_PROXY must be a number of proxy hops from 1 to 10 or a comma-separated list of proxy addresses (e.g. 127.0.0.1,10.0.0.0/8), not "${value}"`);
}

function isLogLevel(value: string): value is LedgerConfig['logLevel'] {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
