import { sign, verify } from 'node:crypto';
import {
  checkConsistency, checkInclusion, CompactMerkleTree, ed25519PublicKeyFromRaw, eventLeafHash, hashesFromHex, verifyEventInclusion, verifySignedCheckpoint,
} from '../../src/proofs';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../src/proofs/ledger-signing-key';
import { LogTree } from '../../src/transparency/log-tree';
import { type DonationProofAnswer, verifyDonationProof } from '../../web/src/public/verify-proof';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { type Client, client, donationBody, expectError, expectStatus, openFund, validationFields } from './support/http-helpers';

describe('GET /v1/public/keys', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger({ publicUrl: 'https://minhbach.example.vn' });
  });
  afterAll(() => ledger.close());

  it('publishes, to anyone, the Ed25519 key the ledger signs with, under its C2SP key id', async () => {
    const response = await ledger.http().get('/v1/public/keys').expect(200);
    const key = ledger.app.get<LedgerSigningKey>(LEDGER_SIGNING_KEY);
    expect(key.origin).toBe('minhbach.example.vn');
    expect(response.body).toEqual([{ keyId: key.keyId, algorithm: 'ed25519', publicKey: key.publicKeyRaw.toString('base64') }]);
    const message = Buffer.from('minh bạch');
    const published = ed25519PublicKeyFromRaw(Buffer.from(response.body[0].publicKey, 'base64'));
    expect(verify(null, message, published, sign(null, message, key.privateKey))).toBe(true);
    expect(response.headers['ratelimit-limit']).toBeDefined();
  });
});

describe('checkpoints and proofs over HTTP, checked as a stranger would', () => {
  const FUND = 'quy-minh-bach';
  let ledger: TestLedger;
  let accountant: Client;
  let key: { keyId: string; algorithm: string; publicKey: string };
  let publicKeyRaw: Buffer;
  const annual = (year: number) => ({ kind: 'annual-contributions', period: String(year), channel: 'website', url: 'https://quy.example.vn/cong-khai', publishedAt: `${year + 1}-03-01`, contentSha256: 'ab'.repeat(32) });
  const donate = async (amount: string) => {
    const response = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount }));
    expectStatus(response, 201);
    return response.body as { donationId: string; position: number };
  };
  async function eventHashes(): Promise<string[]> {
    const hashes: string[] = [];
    for await (const event of ledger.store.readAll()) hashes.push(event.hash);
    return hashes;
  }
  /** The RFC 9162 root of the first n events, computed here from the log's own hashes. */
  function rootOf(hashes: string[], n: number): Buffer {
    const tree = CompactMerkleTree.empty();
    hashes.slice(0, n).forEach((hash) => tree.append(eventLeafHash(hash)));
    return tree.root();
  }

  beforeAll(async () => {
    // An hour between automatic checkpoints: every checkpoint of these tests is one they asked for.
    ledger = await startTestLedger({ proofs: { checkpointIntervalSeconds: 3600, checkpointOrigin: 'quy.example.vn/ledger' } });
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, FUND);
    key = (await ledger.http().get('/v1/public/keys').expect(200)).body[0];
    publicKeyRaw = Buffer.from(key.publicKey, 'base64');
  });
  afterAll(() => ledger.close());

  it('serves the latest checkpoint, signed by the published key over the root of the log\'s own event hashes', async () => {
    for (const amount of ['100000', '250000', '3000000']) await donate(amount);
    const signed = await ledger.app.get(LogTree).signNow();
    const response = await ledger.http().get('/v1/public/checkpoint').expect(200);
    expect(response.body).toEqual(signed);
    const checked = verifySignedCheckpoint(response.body, publicKeyRaw, 'quy.example.vn/ledger');
    expect(checked.valid).toBe(true);
    const hashes = await eventHashes();
    expect(response.body.treeSize).toBe(hashes.length);
    expect(response.body.rootHash).toBe(rootOf(hashes, hashes.length).toString('base64'));
    expect(response.body.keyId).toBe(key.keyId);
  });

  it('gives an inclusion proof of every position in the signed tree and in an earlier size, each leading to that tree\'s root', async () => {
    const checkpoint = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body;
    const hashes = await eventHashes();
    const positions = (await (async () => { const all: number[] = []; for await (const e of ledger.store.readAll()) all.push(e.position); return all; })());
    for (const [leafIndex, position] of positions.slice(0, checkpoint.treeSize).entries()) {
      const response = await ledger.http().get(`/v1/public/proofs/inclusion?position=${position}`).expect(200);
      expect(response.body).toMatchObject({ leafIndex, treeSize: checkpoint.treeSize, leafHash: eventLeafHash(hashes[leafIndex]).toString('hex') });
      const path = hashesFromHex(response.body.auditPath) as Buffer[];
      expect(checkInclusion(eventLeafHash(hashes[leafIndex]), leafIndex, checkpoint.treeSize, path, Buffer.from(checkpoint.rootHash, 'base64'))).toEqual({ valid: true });
    }
    const earlier = await ledger.http().get(`/v1/public/proofs/inclusion?position=${positions[1]}&treeSize=3`).expect(200);
    expect(checkInclusion(eventLeafHash(hashes[1]), 1, 3, hashesFromHex(earlier.body.auditPath) as Buffer[], rootOf(hashes, 3)).valid).toBe(true);
  });

  it('shows, between the checkpoints two publications name, that the log only grew', async () => {
    const first = await accountant.post(`/v1/funds/${FUND}/publications`, annual(2024));
    expectStatus(first, 201);
    await donate('500000');
    await donate('750000');
    const second = await accountant.post(`/v1/funds/${FUND}/publications`, annual(2025));
    expectStatus(second, 201);
    const [older, newer] = [first.body.checkpoint, second.body.checkpoint];
    expect(newer.treeSize).toBeGreaterThan(older.treeSize);
    // Signed just before the publication was appended: the newer tree holds the first publication's event.
    await ledger.http().get(`/v1/public/proofs/inclusion?position=${first.body.position}&treeSize=${newer.treeSize}`).expect(200);
    expectError(await ledger.http().get(`/v1/public/proofs/inclusion?position=${first.body.position}&treeSize=${older.treeSize}`), 422, 'TREE_SIZE_UNKNOWN');
    const latest = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body;
    expect(latest).toMatchObject(newer);
    const proof = await ledger.http().get(`/v1/public/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200);
    expect(proof.body.from).toBe(older.treeSize);
    const path = hashesFromHex(proof.body.path) as Buffer[];
    expect(checkConsistency(older.treeSize, newer.treeSize, Buffer.from(older.rootHash, 'base64'), Buffer.from(newer.rootHash, 'base64'), path).valid).toBe(true);
    // The same proof does not fit a rewritten older root.
    expect(checkConsistency(older.treeSize, newer.treeSize, Buffer.alloc(32, 7), Buffer.from(newer.rootHash, 'base64'), path).valid).toBe(false);
    const byDefault = await ledger.http().get(`/v1/public/proofs/consistency?from=${older.treeSize}`).expect(200);
    expect(byDefault.body).toEqual(proof.body);
  });

  it('proves a donation so that the browser\'s verifier and the offline one both accept it, and a tampered answer fails both', async () => {
    const { donationId, position } = await donate('3000000');
    await ledger.app.get(LogTree).signNow();
    const response = await ledger.http().get(`/v1/public/funds/${FUND}/donations/${donationId}/proof?minPosition=${position}`).expect(200);
    const answer = response.body as DonationProofAnswer<{ amountVnd: string }>;
    expect(answer.position).toBe(position);
    expect(answer.donation.amountVnd).toBe('3000000');
    expect(answer.donation).not.toHaveProperty('donorContact');
    const browser = await verifyDonationProof(answer, key, 'quy.example.vn/ledger');
    expect(browser).toMatchObject({ ok: true, position, treeSize: answer.checkpoint.treeSize });
    expect(verifyEventInclusion(answer.eventHash, answer.proof, answer.checkpoint, publicKeyRaw, 'quy.example.vn/ledger')).toMatchObject({ valid: true });

    const tampered = JSON.parse(JSON.stringify(answer)) as typeof answer;
    tampered.eventHash = `${tampered.eventHash[0] === 'a' ? 'b' : 'a'}${tampered.eventHash.slice(1)}`;
    expect(await verifyDonationProof(tampered, key)).toEqual({ ok: false, reason: 'LEAF_HASH_MISMATCH' });
    expect(verifyEventInclusion(tampered.eventHash, tampered.proof, tampered.checkpoint, publicKeyRaw).valid).toBe(false);
  });

  it('asks to come back later for a donation no signed checkpoint covers yet, and never proves beyond the signed tree', async () => {
    const { donationId, position } = await donate('42000');
    const pending = await ledger.http().get(`/v1/public/funds/${FUND}/donations/${donationId}/proof?minPosition=${position}`);
    expectError(pending, 503, 'CHECKPOINT_PENDING');
    expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);
    expect(pending.body.error.message).toMatch(/bản chốt sổ/u);

    const latest = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body;
    // Each names the parameter that asked past the signed tree.
    for (const [path, field] of [
      [`/v1/public/proofs/inclusion?position=${position}`, 'position'],
      [`/v1/public/proofs/inclusion?position=1&treeSize=${latest.treeSize + 1}`, 'treeSize'],
      [`/v1/public/proofs/consistency?from=1&to=${latest.treeSize + 1}`, 'to'],
      [`/v1/public/proofs/consistency?from=${latest.treeSize + 1}`, 'from'],
    ]) {
      const beyond = await ledger.http().get(path);
      expectError(beyond, 422, 'TREE_SIZE_UNKNOWN');
      expect({ path, field: beyond.body.error.details.field }).toEqual({ path, field });
    }

    await ledger.app.get(LogTree).signNow();
    await ledger.http().get(`/v1/public/funds/${FUND}/donations/${donationId}/proof`).expect(200);
  });

  it('answers 400 naming the field for malformed parameters, and 404 for a donation the fund does not have', async () => {
    for (const [path, field] of [
      ['/v1/public/proofs/inclusion', 'position'], ['/v1/public/proofs/inclusion?position=0', 'position'], ['/v1/public/proofs/inclusion?position=abc', 'position'],
      ['/v1/public/proofs/inclusion?position=1&treeSize=-2', 'treeSize'], ['/v1/public/proofs/consistency', 'from'],
      ['/v1/public/proofs/consistency?from=3&to=2', 'from'], ['/v1/public/proofs/consistency?from=1.5', 'from'],
    ]) {
      const response = await ledger.http().get(path);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(validationFields(response)).toContain(field);
    }
    expectError(await ledger.http().get(`/v1/public/funds/${FUND}/donations/DN-2099-999999/proof`), 404, 'NOT_FOUND');
  });
});
