import { releaseTestData, startTestLedger, type TestLedger } from '../../support/ledger-app';

/**
 * Another application on an existing data folder (a second process, or the same one after a
 * restart), on the same log. `owner`: close() releases the folder and its log (the last
 * application on it); otherwise it only closes the application.
 */
export async function startOnSameData(dataDir: string, options: { owner: boolean }): Promise<TestLedger> {
  const started = await startTestLedger({ dataDir });
  return {
    ...started,
    async close() {
      await started.app.close();
      if (options.owner) await releaseTestData(dataDir);
    },
  };
}
