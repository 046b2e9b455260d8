import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { AdminBootstrap } from './admin-bootstrap';
import { configFromEnv, ConfigError, DEFAULT_HOST } from './config/ledger-config';
import { createLedgerApp } from './ledger-app';
import { keepHeapNearLiveSet } from './ops/heap-growth';
import { keepCreatedFilesPrivate } from './ops/private-files';

async function main(): Promise<void> {
  const config = configFromEnv();
  keepCreatedFilesPrivate();
  keepHeapNearLiveSet();
  const app = await createLedgerApp(config);
  await app.listen({ port: config.port, host: config.host ?? DEFAULT_HOST });
  const bound = (app.getHttpServer().address() as AddressInfo).port;
  app.get(AdminBootstrap).printSetupLink(bound);
  process.stdout.write(`ctd-fund-ledger listening on http://localhost:${bound} (store: ${config.store}, data: ${config.dataDir}); API docs at /docs\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
