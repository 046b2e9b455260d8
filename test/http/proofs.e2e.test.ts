import { sign, verify } from 'node:crypto';
import { ed25519PublicKeyFromRaw } from '../../src/proofs';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../src/proofs/ledger-signing-key';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

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
