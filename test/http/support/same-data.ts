import { rmSync } from 'node:fs';
import { startTestLedger, type TestLedger } from '../../support/ledger-app';

/**
 * Another application on an existing data folder (a second process, or the same one after a
 * restart). startTestLedger({ dataDir }) opens the given folder but reports (and on close()
 * deletes) a fresh temporary one it created and never used; this puts the real folder back.
 * `owner`: close() deletes the folder (the last application on it); otherwise it only closes.
 */
export async function startOnSameData(dataDir: string, options: { owner: boolean }): Promise<TestLedger> {
  const started = await startTestLedger({ dataDir });
  if (started.dataDir !== dataDir) rmSync(started.dataDir, { recursive: true, force: true });
  return {
    ...started,
    dataDir,
    async close() {
      await started.app.close();
      if (options.owner) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
