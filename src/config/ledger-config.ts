import { resolve } from 'node:path';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

export interface LedgerConfig {
  store: 'sqlite' | 'eventstoredb';
  dataDir: string;
  eventStoreConnectionString: string | null;
  /**
   * EVENTSTORE_MAX_APPEND_SIZE: the EventStoreDB server's MaxAppendSize in bytes, set to the same
   * value on both sides; absent, the server's default (1 MiB). Large batches (a statement's lines,
   * a period's receipts) go to the server in appends under it.
   */
  eventStoreMaxAppendSize?: number;
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
  /**
   * Where the public reaches the ledger (LEDGER_PUBLIC_URL, http(s), no trailing slash), for links
   * printed on paper such as a receipt's QR code; unset, http://localhost:PORT.
   */
  publicUrl?: string;
  /** Address the server binds (HOST); a configuration written in code leaves it to the default. */
  host?: string;
  /**
   * LEDGER_BULK_REQUESTS_PER_TURN: how many requests of the bulk lane (donations recorded one by
   * one) start in one turn of the event loop; the rest wait for the next turn, while approvals,
   * payments, releases and reads start at once. Absent, 16.
   */
  bulkRequestsPerTurn?: number;
  /** Per client address and minute (LEDGER_PUBLIC_RATE_LIMIT, LEDGER_AUTH_FAILURE_LIMIT) and the largest statement (LEDGER_IMPORT_BODY_LIMIT_MB). */
  limits?: Partial<RequestLimits>;
  /**
   * Keep the table projections on the main thread rather than in the projection worker (SQLite
   * backend). For tests that register upcasters at run time: a registration lives in the thread
   * that made it. Not read from the environment.
   */
  tableProjectionsOnMainThread?: boolean;
  /**
   * scrypt's N for new password hashes; absent, 2^15 (OWASP's floor). Each hash carries its own
   * cost, so a hash verifies under the cost it was made with. For tests whose passwords guard
   * nothing and are set and checked dozens of times (the browser journeys: about 0.2 s of CPU
   * each at 2^15). Not read from the environment.
   */
  passwordHashCost?: number;
  /** The ledger's Ed25519 signing key and its checkpoints (see {@link ProofsConfig}); absent, the defaults. */
  proofs?: ProofsConfig;
}

/**
 * Where the ledger's signing key comes from and how often checkpoints are signed. With neither
 * key variable set, the key is generated at first start in the data directory
 * (`signing-key.pem`, mode 0600) and read from there afterwards.
 */
export interface ProofsConfig {
  /** LEDGER_SIGNING_KEY_FILE: an Ed25519 private key, PKCS #8 PEM (as `openssl genpkey -algorithm ed25519` writes it). */
  signingKeyFile?: string;
  /** LEDGER_SIGNING_KEY_SEED: the 32-byte Ed25519 seed (RFC 8032), standard base64. A secret: never shown. */
  signingKeySeed?: string;
  /** LEDGER_CHECKPOINT_ORIGIN: the checkpoints' origin line and signed-note key name. */
  checkpointOrigin?: string;
  /** LEDGER_CHECKPOINT_INTERVAL: seconds a checkpoint stays the latest while the log grows. */
  checkpointIntervalSeconds?: number;
}

/** A checkpoint is signed at most this often while the log grows, unless asked for (api-v2: 10 s). */
export const DEFAULT_CHECKPOINT_INTERVAL_SECONDS = 10;
/** The generated signing key's file name in the data directory. */
export const SIGNING_KEY_FILE_NAME = 'signing-key.pem';

export interface RequestLimits {
  publicRequestsPerMinute: number;
  authFailuresPerMinute: number;
  importBodyMegabytes: number;
}

export const DEFAULT_HOST = '0.0.0.0';

/** Bulk requests that start in one turn of the event loop unless configured: see src/http/intake-lanes.ts. */
export const DEFAULT_BULK_REQUESTS_PER_TURN = 16;

/** 600 public requests and 60 failed authentications per address and minute; statements up to 200 MB (about 1.5M lines). */
export const DEFAULT_LIMITS: Readonly<RequestLimits> = Object.freeze({ publicRequestsPerMinute: 600, authFailuresPerMinute: 60, importBodyMegabytes: 200 });

/** The limits in force: those configured, the defaults for the rest. */
export function limitsOf(config: Pick<LedgerConfig, 'limits'>): RequestLimits {
  return { ...DEFAULT_LIMITS, ...config.limits };
}

/** A configuration variable with a value the ledger cannot use; the message names it and what it accepts. */
export class ConfigError extends Error {}

/** The limit variables and the field of RequestLimits each sets. */
const LIMIT_VARIABLES = [
  ['LEDGER_PUBLIC_RATE_LIMIT', 'publicRequestsPerMinute'], ['LEDGER_AUTH_FAILURE_LIMIT', 'authFailuresPerMinute'], ['LEDGER_IMPORT_BODY_LIMIT_MB', 'importBodyMegabytes'],
] as const satisfies readonly (readonly [string, keyof RequestLimits])[];

/**
 * The limit variables alone, checked as at start: the whole configuration holds them, and a test
 * application that sets them in its environment takes them from here.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): RequestLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [name, field] of LIMIT_VARIABLES) {
    const value = env[name];
    if (value === undefined) continue;
    if (!/^[1-9]\d{0,8}$/.test(value)) throw new ConfigError(`${name} must be a whole number from 1 to 999999999, not "${value}"`);
    limits[field] = Number(value);
  }
  return limits;
}

/** The CLI shows a stack trace for an unexpected error only at LEDGER_LOG_LEVEL=debug, even when the rest of the configuration is bad. */
export function debugOutputWanted(env: NodeJS.ProcessEnv): boolean {
  return env.LEDGER_LOG_LEVEL === 'debug';
}

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
  const limits = limitsFromEnv(env);
  const host = hostFromEnv(env.HOST);
  // Empty, resolve() would make it the working folder: the log would land wherever the process was started.
  const dataDir = env.LEDGER_DATA_DIR ?? './data';
  if (dataDir.trim() === '') throw new ConfigError(`LEDGER_DATA_DIR must be the path of the data folder (default ./data), not "${dataDir}"`);
  const config: LedgerConfig = { store, dataDir: resolve(dataDir), eventStoreConnectionString: connection, port, adminToken, logLevel, host, limits };
  const trustProxy = trustedProxies(env.LEDGER_TRUST_PROXY);
  if (trustProxy !== undefined) config.trustProxy = trustProxy;
  const metricsToken = env.LEDGER_METRICS_TOKEN;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(metricsToken)) {
    throw new ConfigError('LEDGER_METRICS_TOKEN must be 16–512 printable characters without spaces');
  }
  if (metricsToken !== undefined) config.metricsToken = metricsToken;
  const publicUrl = env.LEDGER_PUBLIC_URL;
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    throw new ConfigError(`LEDGER_PUBLIC_URL must be an http:// or https:// address, not "${publicUrl}"`);
  }
  if (publicUrl !== undefined) config.publicUrl = publicUrl.replace(/\/+$/, '');
  const bulkPerTurn = env.LEDGER_BULK_REQUESTS_PER_TURN;
  if (bulkPerTurn !== undefined) {
    if (!/^[1-9]\d{0,3}$/.test(bulkPerTurn)) throw new ConfigError(`LEDGER_BULK_REQUESTS_PER_TURN must be a whole number from 1 to 9999, not "${bulkPerTurn}"`);
    config.bulkRequestsPerTurn = Number(bulkPerTurn);
  }
  const maxAppendSize = env.EVENTSTORE_MAX_APPEND_SIZE;
  if (maxAppendSize !== undefined) {
    const bytes = /^\d{5,8}$/.test(maxAppendSize) ? Number(maxAppendSize) : Number.NaN;
    if (!(bytes >= 65_536 && bytes <= 16_777_216)) {
      throw new ConfigError(`EVENTSTORE_MAX_APPEND_SIZE must be a number of bytes from 65536 to 16777216 (the server's MaxAppendSize), not "${maxAppendSize}"`);
    }
    config.eventStoreMaxAppendSize = bytes;
  }
  const proofs = proofsFromEnv(env);
  if (Object.keys(proofs).length > 0) config.proofs = proofs;
  return config;
}

/** A C2SP key name and checkpoint origin: printable ASCII, no space and no '+' (the signed-note verifier key separator). */
const ORIGIN_PATTERN = /^[\x21-\x2a\x2c-\x7e]{1,255}$/;
const BASE64_SEED = /^[A-Za-z0-9+/]{43}=$/;

/** The signing key and checkpoint variables, each checked as the others are. */
function proofsFromEnv(env: NodeJS.ProcessEnv): ProofsConfig {
  const proofs: ProofsConfig = {};
  const file = env.LEDGER_SIGNING_KEY_FILE;
  const seed = env.LEDGER_SIGNING_KEY_SEED;
  if (file !== undefined && seed !== undefined) throw new ConfigError('LEDGER_SIGNING_KEY_FILE and LEDGER_SIGNING_KEY_SEED name two keys: set one of them');
  if (file !== undefined) {
    if (file.trim() === '') throw new ConfigError('LEDGER_SIGNING_KEY_FILE must be the path of an Ed25519 private key file (PKCS #8 PEM)');
    proofs.signingKeyFile = resolve(file);
  }
  if (seed !== undefined) {
    // The value is a secret: the message never repeats it.
    if (!BASE64_SEED.test(seed) || Buffer.from(seed, 'base64').length !== 32) {
      throw new ConfigError('LEDGER_SIGNING_KEY_SEED must be a 32-byte Ed25519 seed in standard base64 (44 characters ending in "=")');
    }
    proofs.signingKeySeed = seed;
  }
  const origin = env.LEDGER_CHECKPOINT_ORIGIN;
  if (origin !== undefined && !ORIGIN_PATTERN.test(origin)) {
    throw new ConfigError(`LEDGER_CHECKPOINT_ORIGIN must be 1–255 printable characters without spaces or "+" (e.g. quy.chuthapdo.example.vn/ledger), not "${origin}"`);
  }
  if (origin !== undefined) proofs.checkpointOrigin = origin;
  const interval = env.LEDGER_CHECKPOINT_INTERVAL;
  if (interval !== undefined && !/^[1-9]\d{0,4}$/.test(interval)) {
    throw new ConfigError(`LEDGER_CHECKPOINT_INTERVAL must be a whole number of seconds from 1 to 99999, not "${interval}"`);
  }
  if (interval !== undefined) proofs.checkpointIntervalSeconds = Number(interval);
  return proofs;
}

/**
 * The checkpoints' origin in force: the one configured, else the public address without its
 * scheme (`https://quy.example.vn/so-cai` → `quy.example.vn/so-cai`), as C2SP asks of an origin,
 * else `localhost:PORT` for an installation nobody reaches from outside.
 */
export function checkpointOriginOf(config: Pick<LedgerConfig, 'proofs' | 'publicUrl' | 'port'>): string {
  if (config.proofs?.checkpointOrigin !== undefined) return config.proofs.checkpointOrigin;
  if (config.publicUrl !== undefined) return config.publicUrl.replace(/^https?:\/\//, '').replace(/[\s+]/g, '-');
  return `localhost:${config.port}`;
}

/** Seconds between automatic checkpoints while the log grows. */
export function checkpointIntervalOf(config: Pick<LedgerConfig, 'proofs'>): number {
  return config.proofs?.checkpointIntervalSeconds ?? DEFAULT_CHECKPOINT_INTERVAL_SECONDS;
}

/** HOST: an address or host name to bind; spaces or a URL are a mistake caught here, not by listen(). */
function hostFromEnv(value: string | undefined): string {
  if (value === undefined) return DEFAULT_HOST;
  if (!/^[0-9A-Za-z.:%-]{1,253}$/.test(value)) throw new ConfigError(`HOST must be an address or host name to bind (e.g. 0.0.0.0, 127.0.0.1, ::), not "${value}"`);
  return value;
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
