import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompactMerkleTree, eventLeafHash } from '../../src/proofs/merkle-tree';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { cliVerify, copyLedger, eventRows, rehashFrom, withEventFile, writeSmallLedger } from './ledger-fixture';

/**
 * The checkpoints the ledger signed (kept beside the log in merkle-tree.db, published at
 * GET /v1/public/checkpoint) fix the hashes of the first treeSize events. A log rewritten with
 * every hash recomputed, or cut short, still links up; verify must hold it against them.
 */

/** Rewrites the recording time of one event (no read model keeps it) and recomputes every hash after it. */
function rewriteRecordingTime(db: Database.Database, position: number): void {
  const { metadata } = db.prepare('SELECT metadata FROM events WHERE position = ?').get(position) as { metadata: string };
  const forged = metadata.replace(/"recordedAt":"\d{4}/, '"recordedAt":"2019');
  expect(forged).not.toBe(metadata);
  db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(forged, position);
  rehashFrom(db, position);
}

/**
 * Rewrites the kept checkpoints' `rootHash` fields (their signed notes left as they are): with
 * `rootOf` the root of the log as it now stands at each size, a forger's cover for a rewritten log.
 */
function rewriteCheckpointRoots(dataDir: string, rootOf: (treeSize: number) => string): void {
  const tree = new Database(join(dataDir, 'merkle-tree.db'));
  try {
    for (const { id, signed_json } of tree.prepare('SELECT id, signed_json FROM checkpoints').all() as { id: number; signed_json: string }[]) {
      const checkpoint = JSON.parse(signed_json) as { treeSize: number; rootHash: string };
      tree.prepare('UPDATE checkpoints SET signed_json = ? WHERE id = ?').run(JSON.stringify({ ...checkpoint, rootHash: rootOf(checkpoint.treeSize) }), id);
    }
  } finally {
    tree.close();
  }
}

/** The Merkle root (base64) of a data folder's log's first `treeSize` events as they are stored. */
function logRootOf(dataDir: string, treeSize: number): string {
  const tree = CompactMerkleTree.empty();
  for (const row of withEventFile(dataDir, (db) => eventRows(db)).slice(0, treeSize)) tree.append(eventLeafHash(row.hash));
  return tree.root().toString('base64');
}


describe('verify against the checkpoints the ledger signed', () => {
  let ledger: TestLedger;
  let dataDir: string;
  let head: number;
  let signedSize: number;
  const copies: string[] = [];
  const copy = () => {
    const folder = copyLedger(dataDir);
    copies.push(folder);
    return folder;
  };

  beforeAll(async () => {
    // No checkpoint from the timer while the ledger is written (it ticks every interval/4 and signs
    // the first one as soon as the log has an event): the one served is signed on first asking,
    // of the whole log, however long the writing takes on a busy machine.
    ledger = await startTestLedger({ proofs: { checkpointIntervalSeconds: 3600 } });
    await writeSmallLedger(ledger);
    signedSize = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body.treeSize;
    dataDir = ledger.dataDir;
    await ledger.app.close();
    head = withEventFile(dataDir, (db) => eventRows(db).length);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    for (const folder of copies) rmSync(folder, { recursive: true, force: true });
  });

  it('signed a checkpoint of the whole log', () => {
    expect(signedSize).toBe(head);
  });

  it('passes the untouched log with its checkpoint', async () => {
    const { code, result } = await cliVerify(copy());
    expect({ code, ok: result.ok, eventsChecked: result.eventsChecked, checkpointsChecked: result.checkpointsChecked }).toEqual({ code: 0, ok: true, eventsChecked: head, checkpointsChecked: 1 });
  });

  it('`ledger verify` fails a log rewritten with every hash recomputed, which the signed checkpoint contradicts', async () => {
    const folder = copy();
    const donations = withEventFile(folder, (db) => eventRows(db).filter((row) => row.type === 'DonationRecorded').map((row) => row.position));
    withEventFile(folder, (db) => rewriteRecordingTime(db, donations[1]));
    const { code, result } = await cliVerify(folder);
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, reason: 'hash_mismatch', details: { chain: 'checkpoint', checkpointTreeSize: head } });
    expect(result.firstBadPosition).toBeLessThanOrEqual(donations[1]);
  });

  it('`ledger verify` holds the log against the root each checkpoint\'s signed note says, not the field beside it: a forger who rewrites the log and the field is found', async () => {
    const folder = copy();
    const donations = withEventFile(folder, (db) => eventRows(db).filter((row) => row.type === 'DonationRecorded').map((row) => row.position));
    withEventFile(folder, (db) => rewriteRecordingTime(db, donations[1]));
    rewriteCheckpointRoots(folder, (treeSize) => logRootOf(folder, treeSize));
    for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm']) rmSync(join(folder, file), { force: true });
    const { code, result } = await cliVerify(folder);
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, reason: 'hash_mismatch', details: { chain: 'checkpoint', checkpointTreeSize: head } });
    expect(result.firstBadPosition).toBeLessThanOrEqual(donations[1]);
  });

  it('`ledger verify` fails a whole log whose kept checkpoint says a root its signed note does not: the checkpoint file was altered', async () => {
    const folder = copy();
    rewriteCheckpointRoots(folder, () => Buffer.alloc(32, 7).toString('base64'));
    const { code, result } = await cliVerify(folder);
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, reason: 'checkpoint_unsigned', eventsChecked: head, details: { chain: 'checkpoint', checkpointTreeSize: head } });
    expect(result).not.toHaveProperty('firstBadPosition');
  });

  it('a second `ledger verify` fails the rewritten log too: the checkpoints the first found contradicted are withdrawn, not deleted', async () => {
    const folder = copy();
    const donations = withEventFile(folder, (db) => eventRows(db).filter((row) => row.type === 'DonationRecorded').map((row) => row.position));
    withEventFile(folder, (db) => rewriteRecordingTime(db, donations[1]));
    const first = await cliVerify(folder);
    const second = await cliVerify(folder);
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(second.result).toMatchObject({ ok: false, reason: 'hash_mismatch', details: { chain: 'checkpoint', checkpointTreeSize: head } });
  });

  it('a second `ledger verify` fails the log cut short too', async () => {
    const folder = copy();
    withEventFile(folder, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(head));
    // Rebuilt read models do not remember the lost event: only the checkpoint does.
    for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm']) rmSync(join(folder, file), { force: true });
    const first = await cliVerify(folder);
    const second = await cliVerify(folder);
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(second.result).toMatchObject({ ok: false, reason: 'position_gap', details: { checkpointTreeSize: head } });
  });

  it('`ledger verify` fails a log cut short whose read models were rebuilt, when a checkpoint signed the lost events', async () => {
    const folder = copy();
    withEventFile(folder, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(head));
    rmSync(join(folder, 'read-models.db'), { force: true });
    rmSync(join(folder, 'read-models.db-wal'), { force: true });
    rmSync(join(folder, 'read-models.db-shm'), { force: true });
    const { code, result } = await cliVerify(folder);
    expect(code).toBe(1);
    expect(result).toMatchObject({ ok: false, reason: 'position_gap', firstBadPosition: head, eventsChecked: head - 1, details: { checkpointTreeSize: head } });
  });

  it('GET /v1/audit/verify fails a log rewritten under the running server', async () => {
    const folder = copy();
    const server = await startTestLedger({ dataDir: folder });
    try {
      expect((await server.http().get('/v1/audit/verify').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).body).toMatchObject({ ok: true });
      const target = withEventFile(folder, (db) => eventRows(db).filter((row) => row.type === 'DonationRecorded')[1].position);
      withEventFile(folder, (db) => rewriteRecordingTime(db, target));
      const response = await server.http().get('/v1/audit/verify').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ok: false, reason: 'hash_mismatch', details: { chain: 'checkpoint', checkpointTreeSize: head } });
    } finally {
      await server.close();
    }
  });
});
