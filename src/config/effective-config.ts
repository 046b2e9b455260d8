import {
  checkpointIntervalOf, checkpointOriginOf, type LedgerConfig, limitsOf, DEFAULT_BULK_REQUESTS_PER_TURN, DEFAULT_HOST, SIGNING_KEY_FILE_NAME,
} from './ledger-config';
import { join } from 'node:path';

/** One configuration variable as `ledger config` shows it: its value in force, secrets hidden. */
export interface ConfigEntry {
  variable: string;
  value: string | number | null;
  /** Why an unset variable is fine, or what a masked one is. */
  note?: string;
}

export const HIDDEN = '********';

/**
 * The password of a connection string (`esdb://user:password@host`, or a `password=` query
 * parameter) replaced by asterisks; the rest stays, so an operator can still check hosts and options.
 */
export function maskConnectionString(connection: string): string {
  return connection
    // Up to the last "@" before the query: a password typed with "/" or "@" in it is hidden whole.
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^?#]*@/i, `$1:${HIDDEN}@`)
    .replace(/([?&](?:password|passwd|pwd|secret|token)[^=&]*=)[^&#]*/gi, `$1${HIDDEN}`);
}

/**
 * The configuration in force, variable by variable, as the server would run with it. Tokens are
 * never shown, only whether they are set: the output may be pasted into a support request.
 */
export function effectiveConfiguration(config: LedgerConfig): ConfigEntry[] {
  const limits = limitsOf(config);
  const secret = (variable: string, value: string | null | undefined, unsetNote: string): ConfigEntry =>
    value === null || value === undefined ? { variable, value: null, note: unsetNote } : { variable, value: HIDDEN, note: 'set; hidden' };
  return [
    { variable: 'LEDGER_STORE', value: config.store },
    { variable: 'LEDGER_DATA_DIR', value: config.dataDir },
    config.eventStoreConnectionString === null
      ? { variable: 'EVENTSTORE_CONNECTION_STRING', value: null, note: 'unset; needed only with LEDGER_STORE=eventstoredb' }
      : { variable: 'EVENTSTORE_CONNECTION_STRING', value: maskConnectionString(config.eventStoreConnectionString) },
    config.eventStoreMaxAppendSize === undefined
      ? { variable: 'EVENTSTORE_MAX_APPEND_SIZE', value: null, note: 'unset; the EventStoreDB server\'s default, 1048576 bytes an append' }
      : { variable: 'EVENTSTORE_MAX_APPEND_SIZE', value: config.eventStoreMaxAppendSize, note: 'bytes an append to EventStoreDB may carry' },
    { variable: 'PORT', value: config.port },
    { variable: 'HOST', value: config.host ?? DEFAULT_HOST },
    secret('LEDGER_ADMIN_TOKEN', config.adminToken, 'unset; with no users, the server creates an admin and prints its token once'),
    { variable: 'LEDGER_LOG_LEVEL', value: config.logLevel },
    config.trustProxy === undefined
      ? { variable: 'LEDGER_TRUST_PROXY', value: null, note: 'unset; X-Forwarded-For is ignored' }
      : { variable: 'LEDGER_TRUST_PROXY', value: config.trustProxy },
    secret('LEDGER_METRICS_TOKEN', config.metricsToken, 'unset; GET /metrics needs no token'),
    config.publicUrl === undefined
      ? { variable: 'LEDGER_PUBLIC_URL', value: null, note: `unset; printed links use http://localhost:${config.port}` }
      : { variable: 'LEDGER_PUBLIC_URL', value: config.publicUrl },
    { variable: 'LEDGER_PUBLIC_RATE_LIMIT', value: limits.publicRequestsPerMinute, note: 'requests per client address and minute on public routes' },
    { variable: 'LEDGER_AUTH_FAILURE_LIMIT', value: limits.authFailuresPerMinute, note: 'failed authentications per client address and minute' },
    config.bulkRequestsPerTurn === undefined
      ? { variable: 'LEDGER_BULK_REQUESTS_PER_TURN', value: DEFAULT_BULK_REQUESTS_PER_TURN, note: `unset; donations recorded one by one start ${DEFAULT_BULK_REQUESTS_PER_TURN} a turn of the event loop, other requests at once` }
      : { variable: 'LEDGER_BULK_REQUESTS_PER_TURN', value: config.bulkRequestsPerTurn, note: 'donations recorded one by one that start in a turn of the event loop' },
    { variable: 'LEDGER_IMPORT_BODY_LIMIT_MB', value: limits.importBodyMegabytes, note: 'largest bank statement accepted, in MB' },
    ...signingEntries(config),
  ];
}

/** The signing key is named by its file or hidden (a seed is the key itself); the checkpoint settings in force. */
function signingEntries(config: LedgerConfig): ConfigEntry[] {
  const proofs = config.proofs ?? {};
  const generated = join(config.dataDir, SIGNING_KEY_FILE_NAME);
  return [
    proofs.signingKeyFile === undefined
      ? { variable: 'LEDGER_SIGNING_KEY_FILE', value: null, note: proofs.signingKeySeed === undefined ? `unset; the key is ${generated}, generated at first start` : 'unset; the key is the seed' }
      : { variable: 'LEDGER_SIGNING_KEY_FILE', value: proofs.signingKeyFile },
    proofs.signingKeySeed === undefined
      ? { variable: 'LEDGER_SIGNING_KEY_SEED', value: null, note: 'unset' }
      : { variable: 'LEDGER_SIGNING_KEY_SEED', value: HIDDEN, note: 'set; hidden' },
    proofs.checkpointOrigin === undefined
      ? { variable: 'LEDGER_CHECKPOINT_ORIGIN', value: checkpointOriginOf(config), note: config.publicUrl === undefined ? 'unset; derived from PORT' : 'unset; derived from LEDGER_PUBLIC_URL' }
      : { variable: 'LEDGER_CHECKPOINT_ORIGIN', value: proofs.checkpointOrigin },
    { variable: 'LEDGER_CHECKPOINT_INTERVAL', value: checkpointIntervalOf(config), note: 'seconds between checkpoints while the log grows' },
  ];
}

/** One `NAME=value` line per variable, with its note after a `#`, as a shell would read the values back. */
export function formatConfiguration(entries: ConfigEntry[]): string {
  const width = Math.max(...entries.map((entry) => entry.variable.length + 1 + String(entry.value ?? '').length));
  return entries.map((entry) => {
    const assignment = `${entry.variable}=${entry.value ?? ''}`;
    return entry.note === undefined ? assignment : `${assignment.padEnd(width)}  # ${entry.note}`;
  }).join('\n') + '\n';
}
