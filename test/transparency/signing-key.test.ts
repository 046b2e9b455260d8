import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointIntervalOf, checkpointOriginOf, ConfigError, configFromEnv } from '../../src/config/ledger-config';
import { effectiveConfiguration, formatConfiguration, HIDDEN } from '../../src/config/effective-config';
import { checkpointKeyId, ed25519PublicKeyFromRaw } from '../../src/proofs';
import { existingLedgerSigningKey, loadLedgerSigningKey } from '../../src/transparency/signing-key';

describe("the ledger's signing key", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = (more: NodeJS.ProcessEnv = {}) => configFromEnv({ LEDGER_DATA_DIR: dataDir, ...more });

  it('is generated at first start in the data directory, readable by the ledger\'s account only, and the same key at every later start', () => {
    expect(existingLedgerSigningKey(env())).toBeUndefined();
    const first = loadLedgerSigningKey(env());
    const file = join(dataDir, 'signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadLedgerSigningKey(env());
    expect(again.publicKeyRaw.equals(first.publicKeyRaw)).toBe(true);
    expect(existingLedgerSigningKey(env())?.keyId).toBe(first.keyId);
    expect(first.publicKeyRaw).toHaveLength(32);
    expect(first.keyId).toBe(checkpointKeyId(first.origin, first.publicKeyRaw));
    const message = Buffer.from('ký thử');
    expect(verify(null, message, ed25519PublicKeyFromRaw(first.publicKeyRaw), sign(null, message, first.privateKey))).toBe(true);
  });

  it('refuses a generated key file that other accounts can read', () => {
    loadLedgerSigningKey(env());
    chmodSync(join(dataDir, 'signing-key.pem'), 0o644);
    expect(() => loadLedgerSigningKey(env())).toThrow(/readable by other accounts/);
  });

  it('can be given as a base64 seed, which `ledger config` never shows', () => {
    const seed = randomBytes(32).toString('base64');
    const config = env({ LEDGER_SIGNING_KEY_SEED: seed });
    const key = loadLedgerSigningKey(config);
    expect(loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_SEED: seed })).publicKeyRaw.equals(key.publicKeyRaw)).toBe(true);
    const text = formatConfiguration(effectiveConfiguration(config));
    expect(text).not.toContain(seed);
    expect(text).toMatch(new RegExp(`^LEDGER_SIGNING_KEY_SEED=\\*{8} +# set; hidden$`, 'm'));
    expect(HIDDEN).toBe('********');
    expect(() => statSync(join(dataDir, 'signing-key.pem'))).toThrow();
  });

  it('can be given as a PEM file (as openssl genpkey -algorithm ed25519 writes it)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = join(dataDir, 'given.pem');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const key = loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_FILE: file }));
    expect(key.publicKeyRaw.equals(publicKey.export({ format: 'der', type: 'spki' }).subarray(12))).toBe(true);
    expect(formatConfiguration(effectiveConfiguration(env({ LEDGER_SIGNING_KEY_FILE: file })))).toContain(`LEDGER_SIGNING_KEY_FILE=${file}`);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    writeFileSync(file, rsa.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_FILE: file }))).toThrow(/rsa key; the ledger signs with Ed25519/);
    expect(() => loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_FILE: join(dataDir, 'none.pem') }))).toThrow(/does not exist/);
  });

  it.each([
    [{ LEDGER_SIGNING_KEY_SEED: 'c2hvcnQ=' }, /LEDGER_SIGNING_KEY_SEED must be a 32-byte Ed25519 seed/],
    [{ LEDGER_SIGNING_KEY_SEED: randomBytes(32).toString('base64'), LEDGER_SIGNING_KEY_FILE: '/k.pem' }, /set one of them/],
    [{ LEDGER_CHECKPOINT_ORIGIN: 'quy ctd' }, /LEDGER_CHECKPOINT_ORIGIN must be/],
    [{ LEDGER_CHECKPOINT_ORIGIN: 'a+b' }, /LEDGER_CHECKPOINT_ORIGIN must be/],
    [{ LEDGER_CHECKPOINT_INTERVAL: '0' }, /LEDGER_CHECKPOINT_INTERVAL must be a whole number of seconds/],
    [{ LEDGER_CHECKPOINT_INTERVAL: '10s' }, /LEDGER_CHECKPOINT_INTERVAL must be a whole number of seconds/],
  ])('refuses %j at start, naming the variable', (variables, message) => {
    expect(() => env(variables)).toThrow(ConfigError);
    expect(() => env(variables)).toThrow(message);
  });

  it('signs under an origin derived from LEDGER_PUBLIC_URL unless one is configured, every 10 s unless told otherwise', () => {
    expect(checkpointOriginOf(env({ LEDGER_PUBLIC_URL: 'https://minhbach.chuthapdo-hcm.example.vn/so-cai/' }))).toBe('minhbach.chuthapdo-hcm.example.vn/so-cai');
    expect(checkpointOriginOf(env({ PORT: '8080' }))).toBe('localhost:8080');
    expect(checkpointOriginOf(env({ LEDGER_CHECKPOINT_ORIGIN: 'ctd-hcm.example/ledger', LEDGER_PUBLIC_URL: 'https://x.example' }))).toBe('ctd-hcm.example/ledger');
    expect(checkpointIntervalOf(env())).toBe(10);
    expect(checkpointIntervalOf(env({ LEDGER_CHECKPOINT_INTERVAL: '60' }))).toBe(60);
    const seed = randomBytes(32).toString('base64');
    const a = loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_SEED: seed, LEDGER_CHECKPOINT_ORIGIN: 'a.example' }));
    const b = loadLedgerSigningKey(env({ LEDGER_SIGNING_KEY_SEED: seed, LEDGER_CHECKPOINT_ORIGIN: 'b.example' }));
    expect(a.keyId).not.toBe(b.keyId);
    const shown = Object.fromEntries(effectiveConfiguration(env({ LEDGER_CHECKPOINT_INTERVAL: '30' })).map((entry) => [entry.variable, entry.value]));
    expect(shown).toMatchObject({ LEDGER_CHECKPOINT_INTERVAL: 30, LEDGER_CHECKPOINT_ORIGIN: 'localhost:3000', LEDGER_SIGNING_KEY_SEED: null });
  });
});
