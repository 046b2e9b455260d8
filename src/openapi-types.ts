import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedgerApp } from './ledger-app';
import { repositoryRoot } from './http/web-app';

/** Where the staff app keeps the API types generated from the OpenAPI document. */
export const WEB_SCHEMA_FILE = join(repositoryRoot(), 'web', 'src', 'api', 'schema.d.ts');

/**
 * The OpenAPI document exactly as the ledger serves it at /docs-json, from the application
 * built in memory on a scratch data folder: nothing listens and no real data is touched.
 */
export async function servedOpenApiDocument(): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctd-openapi-'));
  const app = await createLedgerApp({
    store: 'sqlite', dataDir, eventStoreConnectionString: null, port: 0, adminToken: 'openapi-document-only-token', logLevel: 'silent',
  });
  try {
    const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
    if (answer.statusCode !== 200) throw new Error(`GET /docs-json answered ${answer.statusCode}`);
    return JSON.parse(answer.body) as unknown;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Writes the TypeScript types of the served document with openapi-typescript (its command
 * line, an ES module, runs in a child process). The staff app's client is typed by them.
 */
export async function writeOpenApiTypes(outFile: string = WEB_SCHEMA_FILE): Promise<void> {
  const document = await servedOpenApiDocument();
  const scratch = mkdtempSync(join(tmpdir(), 'ctd-openapi-json-'));
  try {
    const documentFile = join(scratch, 'openapi.json');
    writeFileSync(documentFile, `${JSON.stringify(document, null, 2)}\n`);
    const cli = join(repositoryRoot(), 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, documentFile, '--output', outFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  writeOpenApiTypes(process.argv[2]).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
