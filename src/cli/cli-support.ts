import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { existingLedgerSigningKey } from '../transparency/signing-key';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config';
import type { EventStore } from '../event-store/event-store.port';
import type { MessageParams } from '../i18n/error-messages';
import type { Language } from '../i18n/language';
import { ISO_WITH_OFFSET, periodBound, ReadArgumentError } from '../reports/report-period';
import { cliMessage, type CliMessageKey } from './cli-messages';
import { LOG_FILE, MERKLE_TREE_FILE, READ_MODELS_FILE } from '../config/data-files';

/** Exit codes of every verb, as `ledger --help` documents them. */
export const ExitCode = {
  ok: 0,
  /** `verify` found the log or a read model not whole. */
  verificationFailed: 1,
  /** Bad arguments or configuration: nothing was done. */
  usage: 2,
  /** The work could not be done: store unreachable, disk error, a bug. */
  runtime: 3,
} as const;

/** Bad arguments: nothing was done. Its words come from the CLI's catalogue, in the locale's language. */
export class UsageError extends Error {
  constructor(readonly key: CliMessageKey, readonly params: MessageParams = {}) {
    super(cliMessage('en', key, params));
  }

  in(language: Language): string {
    return cliMessage(language, this.key, this.params);
  }
}

export interface OutputStream {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
}

export interface Verb {
  name: string;
  summary: string;
  /** Printed by `ledger <verb> --help`. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into usage errors. */
export function parseVerbArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError('bad-arguments', { detail: error instanceof Error ? error.message : String(error) });
  }
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/**
 * `--as-of`, a business date as the HTTP look-back reads `?asOf=`: YYYY-MM-DD (the end of that
 * day in Vietnam time) or ISO 8601 with an offset, as epoch milliseconds; undefined when absent.
 */
export function asOfOption(raw: string | undefined): number | undefined {
  try {
    return periodBound('asOf', raw);
  } catch (error) {
    if (!(error instanceof ReadArgumentError)) throw error;
    throw new UsageError('as-of-format', { raw });
  }
}

/** `--recorded-before`, the recording clock as `?recordedBefore=` reads it: ISO 8601 with an offset; undefined when absent. */
export function recordedBeforeOption(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!ISO_WITH_OFFSET.test(raw) || Number.isNaN(Date.parse(raw))) throw new UsageError('recorded-before-format', { raw });
  return raw;
}

/** A non-negative integer option such as a position; undefined when absent. */
export function integerOption(name: string, raw: string | undefined, minimum = 0): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(raw) || Number(raw) < minimum) {
    throw new UsageError('integer-option', { name, minimum, raw });
  }
  return Number(raw);
}

/**
 * Writes and, when the stream's buffer is full, waits for it to drain, so a slow pipe holds the
 * producer back instead of the output piling up in memory. Write errors (EPIPE when the reader
 * went away) arrive as the stream's 'error' event, which the entry point handles.
 */
export async function writeOut(stream: OutputStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

/**
 * A verb that reads or signs the ledger (`verify`, `replay`, `export`, `report`, `checkpoint`,
 * `prove`) on SQLite needs the log to be there: opening the store would create an empty one, and
 * a mistyped LEDGER_DATA_DIR would then be reported as a whole ledger of 0 events (or signed as
 * one, with a new key), leaving a new data folder and signing key behind. A data folder that is
 * not a folder is left to the store, whose error says why (exit 3).
 */
export function requireEventLog(config: LedgerConfig): void {
  if (config.store !== 'sqlite') return;
  const folder = statSync(config.dataDir, { throwIfNoEntry: false });
  if (folder !== undefined && !folder.isDirectory()) return;
  const path = join(config.dataDir, LOG_FILE);
  if (folder === undefined || statSync(path, { throwIfNoEntry: false }) === undefined) throw new UsageError('no-event-log', { path });
}

/** What a data folder may hold before its log: a signing key put there by the operator, a volume's lost+found. */
const BEFORE_THE_LOG = new Set(['signing-key.pem', 'lost+found']);

/**
 * The server, started on SQLite over a folder that holds files but no log, would open a brand-new
 * ledger there (and a new admin) beside them: a mistyped LEDGER_DATA_DIR, or a folder whose log
 * went missing. It is refused; an empty or absent folder starts a new ledger.
 */
function refuseForeignDataFolder(config: LedgerConfig): void {
  if (config.store !== 'sqlite') return;
  const folder = statSync(config.dataDir, { throwIfNoEntry: false });
  if (!folder?.isDirectory()) return;
  const entries = readdirSync(config.dataDir);
  if (entries.includes(LOG_FILE)) return;
  const foreign = entries.filter((entry) => !BEFORE_THE_LOG.has(entry)).sort();
  if (foreign.length === 0) return;
  throw new UsageError('foreign-data-folder', { dir: config.dataDir, entries: `${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}` });
}

/**
 * What the server (`npm start`, `ledger serve`) checks before it makes any file: the signing key
 * the configuration names (a wrong path stops the start with nothing made), and the data folder.
 */
export function checkServerStart(config: LedgerConfig): void {
  if (config.proofs?.signingKeyFile !== undefined) existingLedgerSigningKey(config);
  refuseForeignDataFolder(config);
}

/** The SQLite files of a data folder, and what the CLI tells a person to do when one is not a database. */
const DATA_FILES: readonly [string, CliMessageKey][] = [[LOG_FILE, 'damaged-log'], [MERKLE_TREE_FILE, 'damaged-tree'], [READ_MODELS_FILE, 'damaged-read-models']];
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function startsAsSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * SQLite's "file is not a database" names no file, and a data folder holds three: for such an
 * error, which of them is not a database and what to do about each (the log is restored from a
 * backup; the read models are removed and rebuilt). Empty when none can be named.
 */
export function damagedDataFiles(error: unknown, dataDir: string, language: Language): string[] {
  const code = (error as { code?: unknown } | null)?.code;
  if (dataDir === '' || typeof code !== 'string' || !/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return [];
  return DATA_FILES.flatMap(([file, key]) => {
    const path = join(dataDir, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size === 0 || startsAsSqlite(path)) return [];
    return [cliMessage(language, key, { file, dir: dataDir })];
  });
}

/**
 * Nest's logs go to stderr, warnings and errors only (none when LEDGER_LOG_LEVEL=silent): stdout
 * belongs to the verb's output, which scripts read.
 */
class StderrLogger implements LoggerService {
  constructor(private readonly stream: OutputStream) {}

  log(): void {}

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    const context = rest.filter((part) => typeof part === 'string').join(' ');
    this.stream.write(`[${level}]${context ? ` ${context}:` : ''} ${text}\n`);
  }
}

/**
 * The ledger's core as the server runs it (store, write side, projections), without HTTP: the
 * same modules and configuration, so the CLI and the server cannot disagree about the ledger.
 */
export async function withLedgerContext<T>(config: LedgerConfig, io: CliIo, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  // Loaded when a verb needs the core, not when the command starts: `--help`, a usage error or a
  // verb without the core answers without loading Nest and every module of the ledger (seconds).
  const [{ NestFactory }, { LedgerCoreModule }] = await Promise.all([import('@nestjs/core'), import('../ledger-core.module')]);
  const app = await NestFactory.createApplicationContext(LedgerCoreModule.register(config), {
    logger: config.logLevel === 'silent' ? false : new StderrLogger(io.stderr),
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/**
 * The log alone, for a verb that only reads it (`export`, `replay`): no Nest, no projections
 * following the log in this process and no checkpoint signing, which the core would start and
 * then wait for at the close. The read models follow the log wherever the core runs.
 */
export async function withEventStore<T>(config: LedgerConfig, work: (store: EventStore) => Promise<T>): Promise<T> {
  const [{ openEventStore }, { LEDGER_STREAM_PREFIX }] = await Promise.all([import('../event-store/event-store.factory'), import('../domain/streams')]);
  const store = await openEventStore(config, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
