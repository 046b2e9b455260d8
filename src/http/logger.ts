import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LedgerConfig } from '../config/ledger-config';

/** Fields that never reach a log line: tokens and donors' personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'headers.authorization', 'authorization', 'token', '*.token',
  'donor.contact', 'donor.taxCode', 'donor.address', '*.donor.contact', '*.donor.taxCode', '*.donor.address',
];

/**
 * JSON lines for log collectors; on a terminal, the same lines made readable by pino-pretty
 * (in pino's worker thread, so the request loop never formats them).
 */
export function createPino(config: Pick<LedgerConfig, 'logLevel'>, terminal: boolean = process.stdout.isTTY === true): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'ctd-fund-ledger' } };
  if (!terminal || config.logLevel === 'silent') return pino(options);
  return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
}

/** The part of sonic-boom (pino's stdout destination) that shutdown needs; `_writing` is not in its types. */
interface LogDestination {
  sync: boolean;
  flushSync(): void;
  once(event: 'drain' | 'error', listener: () => void): unknown;
  removeListener(event: 'drain' | 'error', listener: () => void): unknown;
  _writing?: boolean;
}

function destinationOf(logger: Logger): LogDestination | undefined {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as Partial<LogDestination> | undefined;
  return stream && typeof stream.flushSync === 'function' && typeof stream.sync === 'boolean' ? (stream as LogDestination) : undefined;
}

/**
 * From now on the log writes each line before the call that logs it returns, and what it still
 * held is written now: for the last lines of a process about to end. pino writes stdout through
 * sonic-boom, asynchronously, on libuv's thread pool; its flush(cb) calls back at once when
 * nothing waits in its buffer, even while a write is still queued on the pool. Nest ends the
 * process by raising the signal again, which kills a queued write before it runs: under load
 * (the pool busy with scrypt and file work) that was the shutdown line. Waits at most `waitMs`
 * for the write already in flight, then writes the rest whatever happens to it.
 */
export async function writeLogSynchronously(logger: Logger, waitMs = 2_000): Promise<void> {
  const destination = destinationOf(logger);
  if (!destination) {
    // pino-pretty's worker thread (a terminal): its own flush is all there is.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    return;
  }
  destination.sync = true;
  if (destination._writing) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        destination.removeListener('drain', done);
        destination.removeListener('error', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      destination.once('drain', done);
      destination.once('error', done);
    });
  }
  try {
    destination.flushSync();
  } catch {
    // Still writing (the in-flight write never came back) or stdout is gone: nothing more can be done.
  }
}

/** What the access log says of one answered request. */
export interface AccessLine {
  reqId: string;
  userId: string | null;
  method: string;
  route: string;
  url: string;
  status: number;
  ms: number;
  code?: string;
}

/**
 * One line per answered request, at info; a 503 (not ready yet, to be retried: a register still
 * catching up, a checkpoint still pending) at warn; any other 5xx at error. The query string is
 * left out: it may hold a donor's name.
 */
export function logAccess(logger: Logger, line: AccessLine): void {
  if (line.status === 503) logger.warn(line, 'request');
  else if (line.status >= 500) logger.error(line, 'request');
  else logger.info(line, 'request');
}

/** Nest's logger interface over pino, so framework and ledger logs are one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info(this.fields(message, context));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ ...this.fields(message, context), trace });
  }
  warn(message: unknown, context?: string) {
    this.logger.warn(this.fields(message, context));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug(this.fields(message, context));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace(this.fields(message, context));
  }

  private fields(message: unknown, context?: string): Record<string, unknown> {
    return typeof message === 'object' && message !== null ? { context, ...(message as object) } : { context, msg: String(message) };
  }
}
