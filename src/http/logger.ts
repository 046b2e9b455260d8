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

/** One line per answered request, at info; 5xx answers at error. The query string is left out: it may hold a donor's name. */
export function logAccess(logger: Logger, line: AccessLine): void {
  if (line.status >= 500) logger.error(line, 'request');
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
