import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyEventInclusion, verifySignedCheckpoint } from '../../src/proofs';
import { LogTree } from '../../src/transparency/log-tree';
import { client, donationBody, expectStatus, openFund } from '../http/support/http-helpers';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * The checkpoints kept in the tree's file outlive the key that signed them: a ledger restored
 * without its key file, or given another LEDGER_SIGNING_KEY_SEED, signs with a new key from then
 * on. What it serves as its latest checkpoint must verify under the key it publishes.
 */
describe('checkpoints after the signing key changed', () => {
  const FUND = 'quy-doi-khoa';
  let dataDir: string;
  let ledger: TestLedger | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-key-change-'));
  });
  afterAll(async () => {
    await ledger?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (seed: Buffer) => startTestLedger({
    dataDir, proofs: { signingKeySeed: seed.toString('base64'), checkpointIntervalSeconds: 3600, checkpointOrigin: 'quy.example.vn/ledger' },
  });

  it('serves a checkpoint and a donation proof that verify under the key /v1/public/keys publishes now', async () => {
    ledger = await start(randomBytes(32));
    await openFund(ledger, FUND);
    const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    const donated = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody());
    expectStatus(donated, 201);
    const { donationId, position } = donated.body as { donationId: string; position: number };
    await ledger.app.get(LogTree).signNow();
    await ledger.close();

    ledger = await start(randomBytes(32));
    const key = (await ledger.http().get('/v1/public/keys').expect(200)).body[0];
    const publicKeyRaw = Buffer.from(key.publicKey, 'base64');
    const checkpoint = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body;
    expect(checkpoint.keyId).toBe(key.keyId);
    expect(verifySignedCheckpoint(checkpoint, publicKeyRaw, 'quy.example.vn/ledger')).toMatchObject({ valid: true });

    const proof = (await ledger.http().get(`/v1/public/funds/${FUND}/donations/${donationId}/proof?minPosition=${position}`).expect(200)).body;
    expect(verifyEventInclusion(proof.eventHash, proof.proof, proof.checkpoint, publicKeyRaw, 'quy.example.vn/ledger')).toMatchObject({ valid: true });
  });
});
