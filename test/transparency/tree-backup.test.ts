import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqliteStore, restoreSqliteStore } from '../../src/ops/sqlite-backup';
import { LogTree } from '../../src/transparency/log-tree';
import { MERKLE_TREE_FILE } from '../../src/config/data-files';
import { startTestLedger } from '../support/ledger-app';
import { client, donationBody, expectStatus, openFund } from '../http/support/http-helpers';

/**
 * `ledger backup` keeps the tree beside the log, with the checkpoints the ledger signed and
 * published; a backup without it (made before the tree existed) restores, and the tree is rebuilt
 * from the log on the first start. Same signing key throughout: it is configured, not backed up.
 */
const SEED = Buffer.alloc(32, 9).toString('base64');

describe('the Merkle tree in a backup', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'ctd-tree-backup-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function ledgerWithCheckpoints(dataDir: string) {
    const ledger = await startTestLedger({ dataDir, proofs: { signingKeySeed: SEED, checkpointIntervalSeconds: 3600 } });
    const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, 'quy-sao-luu');
    expectStatus(await accountant.post('/v1/funds/quy-sao-luu/donations', donationBody({ amount: '100000' })), 201);
    const first = await ledger.app.get(LogTree).signNow();
    expectStatus(await accountant.post('/v1/funds/quy-sao-luu/donations', donationBody({ amount: '200000' })), 201);
    const second = await ledger.app.get(LogTree).signNow();
    return { ledger, first, second };
  }

  it('copies the tree and its signed checkpoints, and the restored ledger serves them and proves within them', async () => {
    const source = join(work, 'data');
    const { ledger, first, second } = await ledgerWithCheckpoints(source);
    const manifest = await backupSqliteStore(source, join(work, 'backup'), new Date('2026-05-01T00:00:00Z'));
    await ledger.close();
    // The ledger's secret (made at first start: it seals password hashes) is copied beside them.
    expect(manifest.files.map((file) => file.name).sort()).toEqual(['beneficiary-secret', 'ledger.db', MERKLE_TREE_FILE]);

    const restoredDir = join(work, 'restored');
    await restoreSqliteStore(join(work, 'backup'), restoredDir);
    const restored = await startTestLedger({ dataDir: restoredDir, proofs: { signingKeySeed: SEED, checkpointIntervalSeconds: 3600 } });
    try {
      expect((await restored.http().get('/v1/public/checkpoint').expect(200)).body).toEqual(second);
      expect([...restored.app.get(LogTree).tree.checkpoints()]).toEqual([first, second]);
      const proof = await restored.http().get(`/v1/public/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`).expect(200);
      expect(proof.body.path.length).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  });

  it('restores a backup without the tree: the tree is rebuilt from the log to the same root', async () => {
    const source = join(work, 'data');
    const { ledger, second } = await ledgerWithCheckpoints(source);
    await ledger.close();
    rmSync(join(source, MERKLE_TREE_FILE));
    rmSync(join(source, `${MERKLE_TREE_FILE}-wal`), { force: true });
    rmSync(join(source, `${MERKLE_TREE_FILE}-shm`), { force: true });
    const manifest = await backupSqliteStore(source, join(work, 'backup'), new Date('2026-05-01T00:00:00Z'));
    expect(manifest.files.map((file) => file.name).sort()).toEqual(['beneficiary-secret', 'ledger.db']);

    const restoredDir = join(work, 'restored');
    await restoreSqliteStore(join(work, 'backup'), restoredDir);
    const restored = await startTestLedger({ dataDir: restoredDir, proofs: { signingKeySeed: SEED, checkpointIntervalSeconds: 3600 } });
    try {
      const logTree = restored.app.get(LogTree);
      await logTree.catchUp();
      expect(logTree.tree.root(second.treeSize).toString('base64')).toBe(second.rootHash);
    } finally {
      await restored.close();
    }
  });
});
