import { generateKeyPairSync } from 'node:crypto';
import {
  checkConsistency, checkInclusion, CompactMerkleTree, ed25519PublicKeyRaw, eventLeafHash, hashesFromHex, verifyCheckpointConsistency, verifyEventInclusion,
  verifySignedCheckpoint,
} from '../../src/proofs';
import { limitsFromEnv } from '../../src/config/ledger-config';
import { LogTree } from '../../src/transparency/log-tree';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { holdTheDate } from '../support/story-date';
import { type Client, client, donationBody, expectError, expectStatus, openFund, validationFields } from './support/http-helpers';

/**
 * The public proof routes as a sceptical donor and an auditor use them: every tree size the log
 * has been signed at, every pair of sizes, the edge of the signed tree, parameters typed by hand,
 * and the checkpoints before and after a restart, a reversal and an imported statement.
 */
const FUND = 'quy-hoai-nghi';
const ORIGIN = 'quy.example.vn/ledger';
const SEED = Buffer.alloc(32, 5).toString('base64');

describe('public proofs, tried by a sceptical donor and an auditor', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let publicKeyRaw: Buffer;
  const start = (dataDir?: string) => startTestLedger({
    ...(dataDir === undefined ? {} : { dataDir }),
    proofs: { checkpointIntervalSeconds: 3600, checkpointOrigin: ORIGIN, signingKeySeed: SEED },
    // An auditor checking every pair of sizes asks more than a donor's share of the public rate.
    limits: { ...limitsFromEnv({}), publicRequestsPerMinute: 100_000 },
  });
  const get = (path: string) => ledger.http().get(path);
  /** The log's events in journal order: leaf i is the i-th. Positions are dense on SQLite, sparse on EventStoreDB. */
  async function eventsOf(of: TestLedger = ledger): Promise<Array<{ position: number; hash: string }>> {
    const events: Array<{ position: number; hash: string }> = [];
    for await (const event of of.store.readAll()) events.push({ position: event.position, hash: event.hash });
    return events;
  }
  function rootOf(hashes: string[], n: number): Buffer {
    const tree = CompactMerkleTree.empty();
    hashes.slice(0, n).forEach((hash) => tree.append(eventLeafHash(hash)));
    return tree.root();
  }

  beforeAll(async () => {
    ledger = await start();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    publicKeyRaw = Buffer.from((await get('/v1/public/keys').expect(200)).body[0].publicKey, 'base64');
  });
  afterAll(() => ledger.close());

  it('before anyone asked, signs the first checkpoint on the first look, of the whole log, and proves nothing past it', async () => {
    const fresh = await start();
    try {
      const logTree = fresh.app.get(LogTree);
      expect([...logTree.tree.checkpoints()]).toEqual([]);
      const events = await eventsOf(fresh);
      const checkpoint = (await fresh.http().get('/v1/public/checkpoint').expect(200)).body;
      expect(checkpoint.treeSize).toBe(events.length);
      expect(verifySignedCheckpoint(checkpoint, publicKeyRaw, ORIGIN).valid).toBe(true);
      expect((await fresh.http().get('/v1/public/checkpoint').expect(200)).body).toEqual(checkpoint);
      expectError(await fresh.http().get(`/v1/public/proofs/inclusion?position=${events[events.length - 1].position + 1}`), 422, 'TREE_SIZE_UNKNOWN');
      const all = (await fresh.http().get('/v1/public/proofs/consistency?from=0').expect(200)).body;
      expect(all).toEqual({ from: 0, to: events.length, path: [] });
      expectError(await fresh.http().get(`/v1/public/proofs/consistency?from=${events.length + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    } finally {
      await fresh.close();
    }
  });

  it('proves every event in every signed size 1..n, and the log only grew between every two sizes', async () => {
    await openFund(ledger, FUND);
    const logTree = ledger.app.get(LogTree);
    const signed = [await logTree.signNow()];
    // Past 32 events, so the sizes include the powers of two up to 32 and each one past it.
    while ((await eventsOf()).length < 34) {
      expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: String(100_000 + signed.length) })), 201);
      signed.push(await logTree.signNow());
    }
    const latest = signed[signed.length - 1];
    const events = await eventsOf();
    const hashes = events.map((event) => event.hash);
    expect(latest.treeSize).toBe(hashes.length);
    expect(latest.treeSize).toBeGreaterThan(33);
    // Sizes never go back, each one's checkpoint is served by size and verifies under the published key.
    for (let i = 1; i < signed.length; i += 1) expect(signed[i].treeSize).toBeGreaterThan(signed[i - 1].treeSize);
    for (const checkpoint of signed) {
      expect((await get(`/v1/public/checkpoint?treeSize=${checkpoint.treeSize}`).expect(200)).body).toEqual(checkpoint);
    }
    for (let size = 1; size <= latest.treeSize; size += 1) {
      const root = rootOf(hashes, size);
      for (let leafIndex = 0; leafIndex < size; leafIndex += 1) {
        const proof = (await get(`/v1/public/proofs/inclusion?position=${events[leafIndex].position}&treeSize=${size}`).expect(200)).body;
        expect(proof).toMatchObject({ leafIndex, treeSize: size, leafHash: eventLeafHash(hashes[leafIndex]).toString('hex') });
        expect(checkInclusion(eventLeafHash(hashes[leafIndex]), leafIndex, size, hashesFromHex(proof.auditPath) as Buffer[], root)).toEqual({ valid: true });
      }
      for (let from = 0; from <= size; from += 1) {
        const proof = (await get(`/v1/public/proofs/consistency?from=${from}&to=${size}`).expect(200)).body;
        expect(checkConsistency(from, size, rootOf(hashes, from), root, hashesFromHex(proof.path) as Buffer[])).toEqual({ valid: true });
      }
    }
    // Between two signed checkpoints, as an auditor checks it: both signatures and the path.
    for (let i = 1; i < signed.length; i += 1) {
      const proof = (await get(`/v1/public/proofs/consistency?from=${signed[i - 1].treeSize}&to=${signed[i].treeSize}`).expect(200)).body;
      expect(verifyCheckpointConsistency(signed[i - 1], signed[i], proof, publicKeyRaw, ORIGIN)).toEqual({ valid: true });
    }
  });

  it('answers 422 TREE_SIZE_UNKNOWN one past the latest checkpoint, and proofs at it', async () => {
    const latest = (await get('/v1/public/checkpoint').expect(200)).body;
    const n = latest.treeSize as number;
    const last = (await eventsOf())[n - 1].position;
    await get(`/v1/public/proofs/inclusion?position=${last}&treeSize=${n}`).expect(200);
    expectError(await get(`/v1/public/proofs/inclusion?position=${last}&treeSize=${n + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    expectError(await get(`/v1/public/proofs/inclusion?position=${last + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    const notInEarlier = await get(`/v1/public/proofs/inclusion?position=${last}&treeSize=${n - 1}`);
    expectError(notInEarlier, 422, 'TREE_SIZE_UNKNOWN');
    // The tree named is the one asked for, not the latest: its message says so in either language.
    expect(notInEarlier.body.error.message).toBe(`Vị trí ${last} không phải một giao dịch trong sổ đã ký gồm ${n - 1} giao dịch`);
    const inEnglish = await get(`/v1/public/proofs/inclusion?position=${last}&treeSize=${n - 1}`).set('Accept-Language', 'en');
    expect(inEnglish.body.error.message).toBe(`Position ${last} is not an event of the signed tree of ${n - 1} events`);
    expect((await get(`/v1/public/proofs/consistency?from=${n}`).expect(200)).body).toEqual({ from: n, to: n, path: [] });
    await get(`/v1/public/proofs/consistency?from=1&to=${n}`).expect(200);
    expectError(await get(`/v1/public/proofs/consistency?from=1&to=${n + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    expectError(await get(`/v1/public/proofs/consistency?from=${n + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    expectError(await get(`/v1/public/proofs/consistency?from=${n + 1}&to=${n + 1}`), 422, 'TREE_SIZE_UNKNOWN');
    expectError(await get(`/v1/public/checkpoint?treeSize=${n + 1}`), 404, 'NOT_FOUND');
  });

  const numberRoutes: Array<[string, (value: string) => string]> = [
    ['position', (v) => `/v1/public/proofs/inclusion?position=${encodeURIComponent(v)}`],
    ['treeSize', (v) => `/v1/public/proofs/inclusion?position=1&treeSize=${encodeURIComponent(v)}`],
    ['from', (v) => `/v1/public/proofs/consistency?from=${encodeURIComponent(v)}`],
    ['to', (v) => `/v1/public/proofs/consistency?from=0&to=${encodeURIComponent(v)}`],
    ['treeSize', (v) => `/v1/public/checkpoint?treeSize=${encodeURIComponent(v)}`],
  ];
  async function answersOtherThan400(values: string[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const [field, path] of numberRoutes) {
      for (const value of values) {
        const response = await get(path(value));
        if (response.status !== 400 || !validationFields(response).includes(field)) wrong.push(`${path(value)} → ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    return wrong;
  }

  it('answers 400 naming the field for every malformed number, never a 500', async () => {
    expect(await answersOtherThan400(['abc', '-1', '1.5', '1e3', '0x10', ' 1', '+1', '', '99999999999999999999', '１'])).toEqual([]);
    const wrong: string[] = [];
    for (const [field, path] of numberRoutes) {
      const twice = await get(`${path('1')}&${field}=2`);
      if (twice.status !== 400 || !validationFields(twice).includes(field)) wrong.push(`${path('1')}&${field}=2 → ${twice.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 400 for a number past 2^53 − 1, rather than answering of the number it rounds to', async () => {
    // 9007199254740993 reads as 9007199254740992 in JavaScript: the answer would name a size nobody asked for.
    expect(await answersOtherThan400(['9007199254740993', '9999999999999999'])).toEqual([]);
  });

  it('signs checkpoints that fail under any key but the one /v1/public/keys publishes', async () => {
    const checkpoint = (await get('/v1/public/checkpoint').expect(200)).body;
    const other = ed25519PublicKeyRaw(generateKeyPairSync('ed25519').publicKey);
    expect(verifySignedCheckpoint(checkpoint, publicKeyRaw, ORIGIN).valid).toBe(true);
    expect(verifySignedCheckpoint(checkpoint, other, ORIGIN)).toEqual({ valid: false, reason: 'NO_SIGNATURE_BY_KEY' });
  });

  it('still proves a reversed donation, and the reversal, after a restart; the old checkpoint leads to the later ones', async () => {
    const gift = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '4200000' }));
    expectStatus(gift, 201);
    await ledger.app.get(LogTree).signNow();
    const before = (await get(`/v1/public/funds/${FUND}/donations/${gift.body.donationId}/proof?minPosition=${gift.body.position}`).expect(200)).body;
    expect(before.reversal).toBeNull();
    const reversal = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: gift.body.donationId, reason: 'Ghi trùng' });
    expectStatus(reversal, 201);

    const dataDir = ledger.dataDir;
    const owned = ledger;
    await ledger.app.close();
    ledger = await start(dataDir);
    try {
      const pending = await get(`/v1/public/funds/${FUND}/donations/${gift.body.donationId}/proof?minPosition=${reversal.body.position}`);
      expect(pending.status).toBe(200);
      const after = pending.body;
      expect(after.reversal).toMatchObject({ reversalId: reversal.body.reversalId, position: reversal.body.position });
      expect(after.eventHash).toBe(before.eventHash);
      // The latest checkpoint may not yet cover the reversal; once signed it does, and the old one leads to it.
      await ledger.app.get(LogTree).signNow();
      await get(`/v1/public/proofs/inclusion?position=${reversal.body.position}`).expect(200);
      const again = (await get(`/v1/public/funds/${FUND}/donations/${gift.body.donationId}/proof`).expect(200)).body;
      expect(verifyEventInclusion(again.eventHash, again.proof, again.checkpoint, publicKeyRaw, ORIGIN).valid).toBe(true);
      const grew = (await get(`/v1/public/proofs/consistency?from=${before.checkpoint.treeSize}&to=${again.checkpoint.treeSize}`).expect(200)).body;
      expect(verifyCheckpointConsistency(before.checkpoint, again.checkpoint, grew, publicKeyRaw, ORIGIN)).toEqual({ valid: true });
      expect(verifyEventInclusion(before.eventHash, before.proof, before.checkpoint, publicKeyRaw, ORIGIN).valid).toBe(true);
    } finally {
      // The first ledger's folder goes with it.
      await ledger.app.close();
      ledger = owned;
    }
  });

  it('asks a donor whose gift no checkpoint covers yet to come back within the interval, and answers then', async () => {
    const quick = await startTestLedger({ proofs: { checkpointIntervalSeconds: 2, checkpointOrigin: ORIGIN, signingKeySeed: SEED } });
    // The two seconds pass when the test says so, however long the requests take.
    const clock = holdTheDate();
    try {
      const clerk = client(quick, (await quick.user('Kế toán nhanh', ['accountant'])).token);
      await openFund(quick, FUND);
      await quick.app.get(LogTree).signNow();
      const gift = await clerk.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '300000' }));
      expectStatus(gift, 201);
      const pending = await quick.http().get(`/v1/public/funds/${FUND}/donations/${gift.body.donationId}/proof?minPosition=${gift.body.position}`);
      expectError(pending, 503, 'CHECKPOINT_PENDING');
      const retryAfter = Number(pending.headers['retry-after']);
      // README: Retry-After is at most the interval; the route signs a due checkpoint itself when asked again.
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(2);
      clock.advance(retryAfter * 1000);
      await quick.http().get(`/v1/public/funds/${FUND}/donations/${gift.body.donationId}/proof`).expect(200);
    } finally {
      clock.release();
      await quick.close();
    }
  });

  it('proves each donation of a statement imported in one batch', async () => {
    const importing = await start();
    try {
      const token = (await importing.user('Kế toán nhập', ['accountant'])).token;
      const IMPORTED = 'quy-nhap-sao-ke';
      await openFund(importing, IMPORTED);
      const lines = Array.from({ length: 40 }, (_, i) => `0${1 + (i % 9)}/03/2026,FT-${i},${(i + 1) * 10}.000,Ung ho ${i},Nguyen Van ${i}`);
      const imported = await importing.http().post(`/v1/funds/${IMPORTED}/imports?bankAccount=0071000123456`)
        .set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/csv')
        .send(['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', ...lines].join('\n'));
      expectStatus(imported, 200);
      expect(imported.body.imported).toBe(40);
      const checkpoint = await importing.app.get(LogTree).signNow();
      // The lookup read at the log's head, past every imported line, not before the registers caught up.
      const head = await importing.store.headPosition();
      const ids: Array<{ donationId: string; position: number }> = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ donationId: string; position: number; reference?: string }>; nextCursor: string | null } } = await importing.http()
          .get(`/v1/public/funds/${IMPORTED}/donations?limit=100&minPosition=${head}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`).expect(200);
        ids.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(ids).toHaveLength(40);
      for (const { donationId } of ids) {
        const answer = (await importing.http().get(`/v1/public/funds/${IMPORTED}/donations/${donationId}/proof`).expect(200)).body;
        expect(answer.checkpoint).toEqual(checkpoint);
        expect(verifyEventInclusion(answer.eventHash, answer.proof, answer.checkpoint, publicKeyRaw, ORIGIN)).toMatchObject({ valid: true });
      }
    } finally {
      await importing.close();
    }
  });
});
