import '../read-side/esm-interop';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupVerb } from '../../src/cli/verbs/backup.verb';
import { restoreVerb } from '../../src/cli/verbs/restore.verb';
import { BENEFICIARY_SECRET_FILE } from '../../src/command-handling/id-number-hasher';
import { SIGNING_KEY_FILE_NAME } from '../../src/config/ledger-config';
import { readManifest } from '../../src/ops/sqlite-backup';
import { call, client, expectError, expectStatus, openFund } from '../http/support/http-helpers';
import { startTestLedger } from '../support/ledger-app';

/**
 * `ledger backup` keeps the ledger's secrets (api-v2.md "Operations", issue 17): the secret the
 * funds' id-number keys derive from and the signing key, 0600, so a restored ledger matches an id
 * number to the same beneficiary and signs with the same key. Without the secret, it could not.
 */
const FUND = 'quy-sao-luu-doi-tuong';
const ID_NUMBER = '079 205 123 456';

const io = (env: Record<string, string>) => {
  const out: string[] = [];
  const sink = { write: (text: string) => out.push(text) > 0, once: () => undefined };
  return { io: { stdout: sink, stderr: sink, env: { ...process.env, LEDGER_LOG_LEVEL: 'silent', ...env } }, out };
};
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('backup and restore keep the beneficiary secret and the signing key', () => {
  let root: string;
  let keyId: string;
  let beneficiaryId: string;
  const dataDir = () => join(root, 'data');
  const backupDir = () => join(root, 'backup');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ledger-backup-secrets-'));
    const ledger = await startTestLedger({ dataDir: dataDir() });
    try {
      await openFund(ledger, FUND);
      const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
      const added = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, {
        kind: 'household', name: 'Võ Thị Dung', commune: 'Xã Tân Phú', idNumber: ID_NUMBER, categories: ['poor'],
      });
      expectStatus(added, 201);
      beneficiaryId = added.body.beneficiaryId;
      const keys = await call(ledger, 'get', '/v1/public/keys', undefined, { token: null });
      expectStatus(keys, 200);
      keyId = keys.body[0].keyId;
    } finally {
      await ledger.close();
    }
    const { io: backupIo, out } = io({ LEDGER_DATA_DIR: dataDir() });
    expect(await backupVerb.run([backupDir()], backupIo)).toBe(0);
    expect(out.join('')).not.toContain(readFileSync(join(dataDir(), BENEFICIARY_SECRET_FILE), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('copies both secrets 0600 and lists them in the manifest by their sha256 only', () => {
    for (const name of [BENEFICIARY_SECRET_FILE, SIGNING_KEY_FILE_NAME]) {
      expect(modeOf(join(backupDir(), name))).toBe(0o600);
      expect(readFileSync(join(backupDir(), name))).toEqual(readFileSync(join(dataDir(), name)));
    }
    const manifest = readManifest(backupDir());
    expect(manifest.files.map((file) => file.name)).toEqual(['ledger.db', 'merkle-tree.db', BENEFICIARY_SECRET_FILE, SIGNING_KEY_FILE_NAME]);
    const text = readFileSync(join(backupDir(), 'manifest.json'), 'utf8');
    expect(text).not.toContain(readFileSync(join(dataDir(), BENEFICIARY_SECRET_FILE), 'utf8').trim());
    expect(text).not.toContain('PRIVATE KEY');
  });

  /** Restores the backup into a new directory, optionally loses a file, and asks the restored ledger about the same id number. */
  async function restoredAnswer(lose?: string) {
    const target = mkdtempSync(join(root, 'restored-'));
    rmSync(target, { recursive: true });
    const { io: restoreIo } = io({ LEDGER_DATA_DIR: target });
    expect(await restoreVerb.run([backupDir()], restoreIo)).toBe(0);
    for (const name of [BENEFICIARY_SECRET_FILE, SIGNING_KEY_FILE_NAME]) expect(modeOf(join(target, name))).toBe(0o600);
    if (lose) unlinkSync(join(target, lose));
    const ledger = await startTestLedger({ dataDir: target });
    try {
      const accountant = client(ledger, (await ledger.user('Kế toán 2', ['accountant'])).token);
      const again = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, {
        kind: 'person', name: 'Tên khác', commune: 'Xã Khác', idNumber: ID_NUMBER, categories: [],
      });
      const keys = await call(ledger, 'get', '/v1/public/keys', undefined, { token: null });
      return { again, keyId: keys.body[0].keyId as string, hadSecret: existsSync(join(target, BENEFICIARY_SECRET_FILE)) };
    } finally {
      await ledger.close();
    }
  }

  it('a restored ledger matches the same id number to the same beneficiary and signs with the same key', async () => {
    const { again, keyId: restoredKeyId } = await restoredAnswer();
    expectError(again, 409, 'ALREADY_EXISTS');
    expect(again.body.error.details).toMatchObject({ beneficiaryId, matchedBy: 'idNumber' });
    expect(restoredKeyId).toBe(keyId);
  }, 60_000);

  it('without the secret the restored registry no longer knows the number: what the backup prevents', async () => {
    const { again } = await restoredAnswer(BENEFICIARY_SECRET_FILE);
    expectStatus(again, 201);
    expect(again.body.beneficiaryId).not.toBe(beneficiaryId);
  }, 60_000);
});
