import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { AdminBootstrap } from './admin-bootstrap';
import { configFromEnv, ConfigError, debugOutputWanted, DEFAULT_HOST } from './config/ledger-config';
import { checkServerStart, damagedDataFiles, UsageError } from './cli/cli-support';
import { languageOfLocale } from './config/locale';
import { createLedgerApp } from './ledger-app';
import { keepHeapNearLiveSet } from './ops/heap-growth';
import { refuseUnservableLog } from './ops/log-integrity';
import { keepCreatedFilesPrivate } from './ops/private-files';

async function main(): Promise<void> {
  const config = configFromEnv();
  checkServerStart(config);
  refuseUnservableLog(config);
  keepCreatedFilesPrivate();
  keepHeapNearLiveSet();
  const app = await createLedgerApp(config);
  await app.listen({ port: config.port, host: config.host ?? DEFAULT_HOST });
  const bound = (app.getHttpServer().address() as AddressInfo).port;
  app.get(AdminBootstrap).printSetupLink(bound);
  process.stdout.write(`ctd-fund-ledger listening on http://localhost:${bound} (store: ${config.store}, data: ${config.dataDir}); API docs at /docs\n`);
}

/**
 * Why the server did not start, as `ledger serve` says it: a configuration or folder problem in
 * one line; a data file that is not a database named, with what to do; anything else with its
 * stack (LEDGER_DEBUG for the others too).
 */
main().catch((error: unknown) => {
  const language = languageOfLocale(process.env);
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`${error instanceof UsageError ? error.in(language) : error.message}\n`);
    process.exit(1);
  }
  const damaged = damagedDataFiles(error, dataDirOf(), language);
  const described = damaged.length > 0 && !debugOutputWanted(process.env);
  process.stderr.write(`${described ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n${damaged.map((line) => `${line}\n`).join('')}`);
  process.exit(1);
});

/** LEDGER_DATA_DIR as the start read it, for naming its files in an error. */
function dataDirOf(): string {
  try {
    return configFromEnv().dataDir;
  } catch {
    return '';
  }
}
