import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LedgerConfig } from '../config/ledger-config';

/** Fields that never reach a log line: tokens and donors' personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'headers.authorization', 'authorization', 'token', '*.token',
  'donor.contact', 'donor.taxCode', 'donor.address', '*.donor.contact', '*.donor.taxCode', '*.donor.address',
];

export function createPino(config: Pick<LedgerConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'ctd-fund-ledger' } });
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
