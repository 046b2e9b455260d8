import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { runLedgerCli } from '../../src/cli/ledger-cli';
import type { CliIo } from '../../src/cli/cli-support';
import { ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { signCheckpoint } from '../../src/proofs/checkpoint';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { client, donationBody, expectStatus, openFund } from '../http/support/http-helpers';

/**
 * `ledger checkpoint`, `ledger prove` and `ledger verify-proof` on a real data directory, run in
 * this process as the bin script runs them (runLedgerCli), beside a running server that shares
 * the tree file. verify-proof is given only a file and a key: no server, no data directory.
 */
interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

async function ledgerCli(args: string[], env: Record<string, string>): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => ((stdout += text), true), once: () => undefined },
    stderr: { write: (text: string) => ((stderr += text), true), once: () => undefined },
    env: { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', ...env },
  };
  const status = await runLedgerCli(args, io);
  return { status, stdout, stderr };
}

describe('ledger checkpoint, prove and verify-proof', () => {
  let ledger: TestLedger;
  let work: string;
  let publicKey: string;
  let positions: number[];
  const inDataDir = (args: string[]) => ledgerCli(args, { LEDGER_DATA_DIR: ledger.dataDir });
  /** Offline: another directory, no key of its own, no log. */
  const offline = (args: string[]) => ledgerCli(args, { LEDGER_DATA_DIR: join(work, 'nothing-here') });
  const saved = (name: string, content: unknown) => {
    const path = join(work, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ctd-proofs-cli-'));
    // An hour between automatic checkpoints: the server signs none of its own during the test.
    ledger = await startTestLedger({ proofs: { checkpointIntervalSeconds: 3600 } });
    const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, 'quy-cli');
    positions = [];
    for (const amount of ['100000', '3000000', '250000', '999000']) {
      const response = await accountant.post('/v1/funds/quy-cli/donations', donationBody({ amount }));
      expectStatus(response, 201);
      positions.push(response.body.position as number);
    }
    publicKey = (await ledger.http().get('/v1/public/keys').expect(200)).body[0].publicKey;
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('checkpoint signs the log while the server runs, and the server serves what it signed', async () => {
    const signed = await inDataDir(['checkpoint', '--json']);
    expect(signed).toMatchObject({ status: 0, stderr: '' });
    const checkpoint = JSON.parse(signed.stdout);
    expect(checkpoint.treeSize).toBeGreaterThanOrEqual(positions.length);
    expect((await ledger.http().get('/v1/public/checkpoint').expect(200)).body).toEqual(checkpoint);

    const again = await inDataDir(['checkpoint']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^The latest checkpoint already covers the whole log: /);
    expect(again.stdout).toContain(checkpoint.note);
  });

  it('prove prints a file that verify-proof accepts offline with the published key, for every donation', async () => {
    for (const position of positions) {
      const proved = await inDataDir(['prove', String(position)]);
      expect(proved).toMatchObject({ status: 0, stderr: '' });
      const file = JSON.parse(proved.stdout);
      expect(Object.keys(file).sort()).toEqual(['auditPath', 'checkpoint', 'leaf', 'leafIndex', 'treeSize']);
      const verified = await offline(['verify-proof', saved(`proof-${position}.json`, proved.stdout), '--key', publicKey]);
      expect(verified.stdout).toMatch(new RegExp(`^OK: event ${file.leaf} is leaf ${file.leafIndex} of the tree of ${file.treeSize} events`));
      expect(verified.status).toBe(0);
    }
  });

  it('verify-proof also accepts the donation proof route\'s answer saved from the site', async () => {
    const donations = (await ledger.http().get(`/v1/public/funds/quy-cli/donations?amount=3000000&minPosition=${positions[1]}`).expect(200)).body.items;
    expect(donations).toHaveLength(1);
    const register = await ledger.http().get('/v1/funds/quy-cli/donations').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    const donationId = (register.body.items as Array<{ donationId: string; amountVnd: string }>).find((d) => d.amountVnd === '3000000')?.donationId;
    const answer = (await ledger.http().get(`/v1/public/funds/quy-cli/donations/${donationId}/proof`).expect(200)).body;
    const verified = await offline(['verify-proof', saved('answer.json', answer), '--key', publicKey]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^OK: event [0-9a-f]{64} is leaf \d+ of the tree/);
    // What it does not prove is said too: the amount and name beside the proof are the fund's word, to compare with the donor's receipt.
    expect(verified.stdout).toContain(`The proof covers the event's hash, not the donation fields printed beside it in this file`);
    expect(verified.stdout).toContain(`for log position ${String(answer.position)}.`);
  });

  it('verify-proof rejects each forgery, saying which check failed, with exit 1', async () => {
    const file = JSON.parse((await inDataDir(['prove', String(positions[1])])).stdout);
    const other = generateKeyPairSync('ed25519');
    const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
    const forgeries: Array<[string, Record<string, unknown>, RegExp]> = [
      ['changed leaf', { ...file, leaf: flip(file.leaf) }, /^FAILED \(path\): ROOT_MISMATCH/],
      ['path one short', { ...file, auditPath: file.auditPath.slice(0, -1) }, /^FAILED \(path\): PATH_TOO_SHORT/],
      ['path one long', { ...file, auditPath: [...file.auditPath, file.auditPath[0]] }, /^FAILED \(path\): PATH_TOO_LONG/],
      ['wrong index', { ...file, leafIndex: file.leafIndex + 1 }, /^FAILED \(path\): (ROOT_MISMATCH|INDEX_OUT_OF_RANGE)/],
      ['another tree size', { ...file, treeSize: file.treeSize - 1 }, /^FAILED \(proof\): TREE_SIZE_NOT_THE_CHECKPOINTS/],
      [
        'signed by another key',
        {
          ...file,
          checkpoint: signCheckpoint({
            origin: file.checkpoint.origin, treeSize: file.checkpoint.treeSize, rootHash: Buffer.from(file.checkpoint.rootHash, 'base64'), timestamp: file.checkpoint.timestamp,
          }, other.privateKey),
        },
        /^FAILED \(checkpoint\): NO_SIGNATURE_BY_KEY/,
      ],
    ];
    for (const [name, forged, expected] of forgeries) {
      const verified = await offline(['verify-proof', saved(`${name}.json`, forged), '--key', publicKey]);
      expect({ name, status: verified.status, stdout: verified.stdout }).toEqual({ name, status: 1, stdout: expect.stringMatching(expected) });
    }
    // The right proof under another key is refused too.
    const otherKey = ed25519PublicKeyRaw(other.publicKey).toString('base64');
    expect((await offline(['verify-proof', saved('right.json', file), '--key', otherKey])).status).toBe(1);
  });

  it('verify-proof checks several files in one run, each line naming its file: exit 0 when all hold, 1 when one fails', async () => {
    const files: string[] = [];
    for (const position of positions) files.push(saved(`many-${position}.json`, (await inDataDir(['prove', String(position)])).stdout));
    const all = await offline(['verify-proof', ...files, '--key', publicKey]);
    expect(all).toMatchObject({ status: 0, stderr: '' });
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(files.length);
    lines.forEach((line, index) => expect(line.startsWith(`${files[index]}: OK: event `)).toBe(true));

    const proof = JSON.parse(readFileSync(files[1], 'utf8'));
    const forged = saved('many-forged.json', { ...proof, leafIndex: proof.leafIndex + 1 });
    const mixed = await offline(['verify-proof', files[0], forged, files[2], '--key', publicKey]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout.trimEnd().split('\n').map((line) => line.replace(/: (OK|FAILED).*$/u, ': $1'))).toEqual([`${files[0]}: OK`, `${forged}: FAILED`, `${files[2]}: OK`]);
    // A file that cannot be read stops the run before any is checked, naming it.
    const missing = join(work, 'many-missing.json');
    expect(await offline(['verify-proof', files[0], missing, '--key', publicKey])).toMatchObject({ status: 2, stdout: '', stderr: expect.stringContaining(missing) });
    expect(await offline(['verify-proof', '--key', publicKey])).toMatchObject({ status: 2, stderr: expect.stringContaining('one proof file or more') });
  });

  it('refuses unusable input with exit 2: no key offline, a bad key, no file, a position not yet signed', async () => {
    const file = saved('any.json', JSON.parse((await inDataDir(['prove', String(positions[0])])).stdout));
    expect(await offline(['verify-proof', file])).toMatchObject({ status: 2, stderr: expect.stringContaining('--key is required') });
    expect(await offline(['verify-proof', file, '--key', 'abc'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--key must be') });
    expect(await offline(['verify-proof', join(work, 'missing.json'), '--key', publicKey])).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot read the proof file') });
    expect(await offline(['verify-proof', saved('garbage.json', 'not json'), '--key', publicKey])).toMatchObject({ status: 2 });
    // In the data directory, its own key is used when none is given.
    expect((await inDataDir(['verify-proof', file])).status).toBe(0);

    const head = await ledger.store.headPosition();
    expect(await inDataDir(['prove', String(head + 1)])).toMatchObject({ status: 2, stderr: expect.stringContaining('is not an event of the signed tree') });
    expect(await inDataDir(['prove', '1', '--tree-size', '2'])).toMatchObject({ status: 2, stderr: expect.stringContaining('no signed checkpoint has tree size 2') });
    expect(await inDataDir(['prove'])).toMatchObject({ status: 2 });
  });

  it('verify-proof checks, offline, that the log only grew between two signed checkpoints (those two publications name)', async () => {
    const older = JSON.parse((await inDataDir(['checkpoint', '--json'])).stdout);
    const accountant = client(ledger, (await ledger.user('Kế toán 2', ['accountant'])).token);
    expectStatus(await accountant.post('/v1/funds/quy-cli/donations', donationBody({ amount: '4200000' })), 201);
    const newer = JSON.parse((await inDataDir(['checkpoint', '--json'])).stdout);
    const proof = (await ledger.http().get(`/v1/public/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200)).body;

    const verified = await offline(['verify-proof', saved('grew.json', { older, newer, proof }), '--key', publicKey]);
    expect(verified).toMatchObject({ status: 0, stdout: expect.stringMatching(new RegExp(`^OK: the tree of ${older.treeSize} events signed at ${older.timestamp} is the start of the tree of ${newer.treeSize} events signed at ${newer.timestamp}`)) });

    const other = generateKeyPairSync('ed25519');
    const rewritten = signCheckpoint({ origin: older.origin, treeSize: older.treeSize, rootHash: Buffer.alloc(32, 7), timestamp: older.timestamp }, other.privateKey);
    const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
    for (const [name, file, expected] of [
      ['swapped', { older: newer, newer: older, proof }, /^FAILED \(proof\): SIZES_NOT_THE_CHECKPOINTS/],
      ['changed path', { older, newer, proof: { ...proof, path: proof.path.map(flip) } }, /^FAILED \(path\): /],
      ['older of another key', { older: rewritten, newer, proof }, /^FAILED \(older checkpoint\): NO_SIGNATURE_BY_KEY/],
    ] as const) {
      const checked = await offline(['verify-proof', saved(`${name}.json`, file), '--key', publicKey]);
      expect({ name, status: checked.status, stdout: checked.stdout }).toEqual({ name, status: 1, stdout: expect.stringMatching(expected) });
    }
  });

  it('verify-proof of a gift the fund took back says so beside the proof that it was recorded', async () => {
    const accountant = client(ledger, (await ledger.user('Kế toán 3', ['accountant'])).token);
    const gift = await accountant.post('/v1/funds/quy-cli/donations', donationBody({ amount: '765000' }));
    expectStatus(gift, 201);
    const reversal = await accountant.post('/v1/funds/quy-cli/reversals', { entryId: gift.body.donationId, reason: 'Ghi trùng' });
    expectStatus(reversal, 201);
    expect((await inDataDir(['checkpoint'])).status).toBe(0);
    const answer = (await ledger.http().get(`/v1/public/funds/quy-cli/donations/${gift.body.donationId}/proof?minPosition=${String(reversal.body.position)}`).expect(200)).body;
    const verified = await offline(['verify-proof', saved('reversed.json', answer), '--key', publicKey]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^OK: event [0-9a-f]{64} is leaf \d+ of the tree/);
    expect(verified.stdout).toContain(`The answer also says the fund reversed this donation (${String(reversal.body.reversalId)}, at log position ${String(reversal.body.position)}, dated `);
  });
});
