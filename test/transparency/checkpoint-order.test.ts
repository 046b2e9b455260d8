import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { signCheckpoint } from '../../src/proofs/checkpoint';
import { eventLeafHash } from '../../src/proofs/merkle-tree';
import { LogTree } from '../../src/transparency/log-tree';
import { MERKLE_TREE_FILE } from '../../src/config/data-files';
import { MerkleTreeStore } from '../../src/transparency/merkle-tree-store';
import { ledgerSigningKeyOf } from '../../src/transparency/signing-key';

/**
 * The server and `ledger checkpoint` sign checkpoints into one tree file. Whatever order their
 * steps interleave in, the latest checkpoint, the one GET /v1/public/checkpoint serves, never
 * names a smaller tree than one served before it.
 */
describe('the latest checkpoint when two processes sign', () => {
  const key = ledgerSigningKeyOf(generateKeyPairSync('ed25519').privateKey, 'quy.example.vn/ledger');
  const metadata = { actor: { userId: 'u', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctd-checkpoint-order-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never goes back to a smaller tree when the other process signed a larger one while this one was signing', async () => {
    const store = SqliteEventStore.open(join(dir, 'ledger.db'));
    await store.append('a', Array.from({ length: 12 }, (_, i) => ({ eventId: randomUUID(), type: 'UserDeactivated', data: { userId: `u-${i}`, deactivatedBy: 'admin' }, metadata })), 'any');
    const events = await store.readHashesAfter(0, 100);
    // The server read the log when it held 10 events; the other 2 arrive while it signs.
    let visible = 10;
    const lagging = { headPosition: () => store.headPosition(), readHashesAfter: async (after: number, max: number) => (await store.readHashesAfter(after, max)).filter((e) => e.position <= visible) };
    const other = new MerkleTreeStore(join(dir, MERKLE_TREE_FILE));
    let otherSigned = false;
    const clock = () => {
      if (!otherSigned) {
        // `ledger checkpoint`, in its own process, between the server's reading the size and saving what it signed.
        otherSigned = true;
        visible = 12;
        other.append(events.slice(10).map((e) => ({ position: e.position, leafHash: eventLeafHash(e.hash) })));
        other.saveCheckpoint(signCheckpoint({ origin: key.origin, treeSize: 12, rootHash: other.root(12), timestamp: '2026-05-01T08:00:00.500Z' }, key.privateKey));
      }
      return new Date('2026-05-01T08:00:01Z');
    };
    const server = new LogTree(lagging as unknown as SqliteEventStore, new MerkleTreeStore(join(dir, MERKLE_TREE_FILE)), key, 3600, undefined, clock);

    const signed = await server.signNow();
    const latest = await server.latestCheckpoint();
    expect(latest.treeSize).toBe(12);
    expect(signed.treeSize).toBe(12);
    const sizes = [...server.tree.checkpoints()].map((checkpoint) => checkpoint.treeSize);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    server.tree.close();
    other.close();
    await store.close();
  });
});
