import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedgerOnce } from '../support/ledger-build';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { client, donationBody, expectStatus, openFund } from '../http/support/http-helpers';
import { ledgerAsync, type Run } from './support';

/**
 * `ledger prove`, `verify-proof`, `checkpoint`, `backup` and `restore` of the built ledger, as a
 * donor and an auditor run them: a saved proof edited in one field at a time, positions typed by
 * hand, and a ledger restored into a new folder whose later checkpoints the old proofs still lead to.
 * The signing key is the one generated in the data folder at first start, as on a chapter's server.
 */
const FUND = 'quy-kiem-chung';

describe('proofs from the command line, tried by a sceptic', () => {
  let buildRoot: string;
  let work: string;
  let ledger: TestLedger;
  let publicKey: string;
  let positions: number[];
  const run = (args: string[], dataDir: string): Promise<Run> => ledgerAsync(buildRoot, args, dataDir, { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8' });
  let saves = 0;
  const saved = (content: unknown) => {
    saves += 1;
    const path = join(work, `file-${saves}.json`);
    writeFileSync(path, JSON.stringify(content, null, 2));
    return path;
  };
  const offline = (file: unknown, key = publicKey) => run(['verify-proof', saved(file), '--key', key], join(work, 'nothing-here'));

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    work = mkdtempSync(join(tmpdir(), 'ctd-proofs-sceptic-'));
    ledger = await startTestLedger({ dataDir: join(work, 'data'), proofs: { checkpointIntervalSeconds: 3600 } });
    const accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, FUND);
    positions = [];
    for (const amount of ['100000', '3000000', '250000', '999000', '5000000']) {
      const response = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount }));
      expectStatus(response, 201);
      positions.push(response.body.position as number);
    }
    publicKey = (await ledger.http().get('/v1/public/keys').expect(200)).body[0].publicKey;
    expect((await run(['checkpoint'], ledger.dataDir)).status).toBe(0);
  }, 600_000); // the build may wait for another worker's tsc, minutes on a busy machine
  afterAll(async () => {
    await ledger?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  /** Every way to edit one field: another value of the same kind, another type, nothing. */
  function editsOf(file: Record<string, unknown>): Array<[string, unknown]> {
    const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
    const checkpoint = file.checkpoint as Record<string, unknown>;
    const note = checkpoint.note as string;
    const proofOf = (value: Record<string, unknown>) => ('proof' in file ? { ...file, proof: { ...(file.proof as object), ...value } } : { ...file, ...value });
    const pathOf = ('proof' in file ? (file.proof as { auditPath: string[] }) : (file as { auditPath: string[] })).auditPath;
    const leafIndex = ('proof' in file ? (file.proof as { leafIndex: number }) : (file as { leafIndex: number })).leafIndex;
    const treeSize = checkpoint.treeSize as number;
    const leafField = 'proof' in file ? 'eventHash' : 'leaf';
    const leaf = file[leafField] as string;
    const without = (object: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== field));
    const withoutInProof = (field: string) => ('proof' in file ? { ...file, proof: without(file.proof as Record<string, unknown>, field) } : without(file, field));
    const inCheckpoint = (value: Record<string, unknown>) => ({ ...file, checkpoint: { ...checkpoint, ...value } });
    return [
      [`${leafField} changed`, { ...file, [leafField]: flip(leaf) }],
      [`${leafField} in capitals`, { ...file, [leafField]: leaf.toUpperCase() }],
      [`${leafField} a number`, { ...file, [leafField]: 12 }],
      [`${leafField} removed`, without(file, leafField)],
      ['leafIndex + 1', proofOf({ leafIndex: leafIndex + 1 })],
      ['leafIndex − 1', proofOf({ leafIndex: leafIndex - 1 })],
      ['leafIndex as text', proofOf({ leafIndex: String(leafIndex) })],
      ['leafIndex fractional', proofOf({ leafIndex: leafIndex + 0.5 })],
      ['leafIndex negative', proofOf({ leafIndex: -1 })],
      ['leafIndex huge', proofOf({ leafIndex: 2 ** 60 })],
      ['leafIndex null', proofOf({ leafIndex: null })],
      ['leafIndex removed', withoutInProof('leafIndex')],
      ['treeSize + 1', proofOf({ treeSize: treeSize + 1 })],
      ['treeSize − 1', proofOf({ treeSize: treeSize - 1 })],
      ['treeSize as text', proofOf({ treeSize: String(treeSize) })],
      ['treeSize removed', withoutInProof('treeSize')],
      ['first step changed', proofOf({ auditPath: [flip(pathOf[0]), ...pathOf.slice(1)] })],
      ['last step changed', proofOf({ auditPath: [...pathOf.slice(0, -1), flip(pathOf[pathOf.length - 1])] })],
      ['steps swapped', proofOf({ auditPath: [...pathOf].reverse() })],
      ['a step dropped', proofOf({ auditPath: pathOf.slice(1) })],
      ['a step added', proofOf({ auditPath: [...pathOf, pathOf[0]] })],
      ['a step in capitals', proofOf({ auditPath: [pathOf[0].toUpperCase(), ...pathOf.slice(1)] })],
      ['path a string', proofOf({ auditPath: pathOf.join('') })],
      ['path removed', withoutInProof('auditPath')],
      ...('proof' in file ? [
        ['leafHash changed', proofOf({ leafHash: flip((file.proof as { leafHash: string }).leafHash) })],
        ['leafHash a number', proofOf({ leafHash: 7 })],
        ['proof null', { ...file, proof: null }],
      ] as Array<[string, unknown]> : []),
      ['checkpoint origin', inCheckpoint({ origin: 'quy.example.vn/other' })],
      ['checkpoint treeSize', inCheckpoint({ treeSize: treeSize + 1 })],
      ['checkpoint treeSize as text', inCheckpoint({ treeSize: String(treeSize) })],
      ['checkpoint rootHash', inCheckpoint({ rootHash: Buffer.alloc(32, 1).toString('base64') })],
      ['checkpoint timestamp', inCheckpoint({ timestamp: '2020-01-01T00:00:00.000Z' })],
      ['checkpoint keyId', inCheckpoint({ keyId: '00000000' })],
      ['checkpoint signature', inCheckpoint({ signature: Buffer.alloc(64, 1).toString('base64') })],
      ['note size line', inCheckpoint({ note: note.replace(`\n${treeSize}\n`, `\n${treeSize + 1}\n`) })],
      ['note time line', inCheckpoint({ note: note.replace(/time \d{4}/u, 'time 2019') })],
      ['note signature line', inCheckpoint({ note: note.replace(/ (\S)(\S+)\n$/u, (_, first: string, rest: string) => ` ${first === 'A' ? 'B' : 'A'}${rest}\n`) })],
      ['note without signature', inCheckpoint({ note: note.slice(0, note.lastIndexOf('\n\n') + 1) })],
      ['note a number', inCheckpoint({ note: 4 })],
      ['checkpoint removed', without(file, 'checkpoint')],
      ['checkpoint null', { ...file, checkpoint: null }],
      ['checkpoint an array', { ...file, checkpoint: [checkpoint] }],
    ];
  }

  /**
   * Every edit saved as a file of its own and given to one run of the built `verify-proof`: the run
   * exits 1, and each file's line says it FAILED, naming the check and what it means; nothing on stderr.
   */
  async function outcomes(edits: Array<[string, unknown]>): Promise<string[]> {
    const files = edits.map(([name, file]) => ({ name, path: saved(file) }));
    const { status, stdout, stderr } = await run(['verify-proof', ...files.map((file) => file.path), '--key', publicKey], join(work, 'nothing-here'));
    const lines = stdout.trimEnd().split('\n');
    const wrong = files
      .filter((file, index) => !(lines[index] ?? '').startsWith(`${file.path}: `) || !/^FAILED \([a-z ]+\): [A-Z_]+: [a-z]/u.test((lines[index] ?? '').slice(file.path.length + 2)))
      .map((file) => `${file.name}: ${lines.find((line) => line.startsWith(`${file.path}: `)) ?? 'no line'}`);
    if (status !== 1 || stderr !== '' || lines.length !== files.length) wrong.push(`the run: exit ${status}, ${lines.length} lines for ${files.length} files, stderr ${stderr.trim()}`);
    return wrong;
  }

  it('verify-proof fails, saying which check, for a proof file edited in any one field', async () => {
    const proved = await run(['prove', String(positions[1])], ledger.dataDir);
    expect(proved.status).toBe(0);
    const file = JSON.parse(proved.stdout);
    expect(file.auditPath.length).toBeGreaterThan(1);
    expect((await offline(file)).status).toBe(0);
    expect(await outcomes(editsOf(file))).toEqual([]);
  }, 300_000);

  it('verify-proof fails, saying which check, for a donation proof answer edited in any one field', async () => {
    const register = await ledger.http().get(`/v1/public/funds/${FUND}/donations?amount=3000000&minPosition=${positions[1]}`).expect(200);
    const answer = (await ledger.http().get(`/v1/public/funds/${FUND}/donations/${register.body.items[0].donationId}/proof`).expect(200)).body;
    expect((await offline(answer)).status).toBe(0);
    expect(await outcomes(editsOf(answer))).toEqual([]);
  }, 300_000);

  it('verify-proof fails, saying which check, for a consistency file edited in any one field', async () => {
    const older = JSON.parse((await run(['checkpoint', '--json'], ledger.dataDir)).stdout);
    const accountant = client(ledger, (await ledger.user('Kế toán 2', ['accountant'])).token);
    for (const amount of ['110000', '120000', '130000']) expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount })), 201);
    const newer = JSON.parse((await run(['checkpoint', '--json'], ledger.dataDir)).stdout);
    const proof = (await ledger.http().get(`/v1/public/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200)).body;
    expect(proof.path.length).toBeGreaterThan(0);
    const file = { older, newer, proof };
    expect((await offline(file)).status).toBe(0);
    const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
    const edits: Array<[string, unknown]> = [
      ['from + 1', { ...file, proof: { ...proof, from: proof.from + 1 } }],
      ['from as text', { ...file, proof: { ...proof, from: String(proof.from) } }],
      ['to − 1', { ...file, proof: { ...proof, to: proof.to - 1 } }],
      ['to removed', { ...file, proof: { from: proof.from, path: proof.path } }],
      ['a step changed', { ...file, proof: { ...proof, path: [flip(proof.path[0]), ...proof.path.slice(1)] } }],
      ['last step changed', { ...file, proof: { ...proof, path: [...proof.path.slice(0, -1), flip(proof.path[proof.path.length - 1])] } }],
      ['a step dropped', { ...file, proof: { ...proof, path: proof.path.slice(1) } }],
      ['a step added', { ...file, proof: { ...proof, path: [...proof.path, proof.path[0]] } }],
      ['no steps', { ...file, proof: { ...proof, path: [] } }],
      ['path a string', { ...file, proof: { ...proof, path: proof.path.join('') } }],
      ['older treeSize', { ...file, older: { ...older, treeSize: older.treeSize + 1 } }],
      ['older rootHash', { ...file, older: { ...older, rootHash: newer.rootHash } }],
      ['older note', { ...file, older: { ...older, note: older.note.replace(`\n${older.treeSize}\n`, `\n${older.treeSize + 1}\n`) } }],
      ['newer timestamp', { ...file, newer: { ...newer, timestamp: '2020-01-01T00:00:00.000Z' } }],
      ['newer note unsigned', { ...file, newer: { ...newer, note: newer.note.slice(0, newer.note.lastIndexOf('\n\n') + 1) } }],
      ['newer is the older', { ...file, newer: older }],
      ['swapped', { older: newer, newer: older, proof }],
    ];
    expect(await outcomes(edits)).toEqual([]);
  }, 300_000);

  it('prove refuses a position or tree size that is not a whole number in range, naming it, exit 2', async () => {
    const wrong: string[] = [];
    for (const args of [['abc'], ['-1'], ['1.5'], ['0'], ['1e3'], ['99999999999999999999'], ['9007199254740993'], ['1', '--tree-size', 'x'], ['1', '--tree-size', '2.5'], ['1', '--tree-size', '-3']]) {
      const ran = await run(['prove', ...args], ledger.dataDir);
      const named = args.length > 1 ? /tree-size/u : /position/u;
      if (ran.status !== 2 || !named.test(ran.stderr) || /\n\s+at /u.test(ran.stderr)) wrong.push(`${args.join(' ')}: exit ${ran.status} ${ran.stderr.trim()}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('prove hands out only checkpoints of the key the ledger signs with now, as the public routes do', async () => {
    // The chapter changed its key (LEDGER_SIGNING_KEY_SEED) and nothing has been signed with the new one yet.
    const seed = Buffer.alloc(32, 3).toString('base64');
    const withNewKey = { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', LEDGER_SIGNING_KEY_SEED: seed };
    const proved = await ledgerAsync(buildRoot, ['prove', String(positions[0])], ledger.dataDir, withNewKey);
    const latest = (await ledger.http().get('/v1/public/checkpoint').expect(200)).body;
    const sizeOfOld = await ledgerAsync(buildRoot, ['prove', String(positions[0]), '--tree-size', String(latest.treeSize)], ledger.dataDir, withNewKey);
    // Under the new key an earlier key's checkpoint does not verify: prove says none is signed yet, exit 2.
    expect({ status: proved.status, stderr: proved.stderr }).toEqual({ status: 2, stderr: expect.stringContaining('ledger checkpoint') });
    expect({ status: sizeOfOld.status, stderr: sizeOfOld.stderr }).toEqual({ status: 2, stderr: expect.stringContaining('ledger checkpoint') });
  }, 120_000);

  it('after backup and restore into a new folder, the tree and its checkpoints go on, and old proofs lead to the new checkpoints', async () => {
    const oldProof = JSON.parse((await run(['prove', String(positions[0])], ledger.dataDir)).stdout);
    const backupDir = join(work, 'backup');
    expect((await run(['backup', backupDir], ledger.dataDir)).status).toBe(0);
    const restoredDir = join(work, 'restored');
    const restoredRun = await run(['restore', backupDir], restoredDir);
    expect(restoredRun).toMatchObject({ status: 0 });

    const restored = await startTestLedger({ dataDir: restoredDir, proofs: { checkpointIntervalSeconds: 3600 } });
    try {
      expect((await restored.http().get('/v1/public/keys').expect(200)).body[0].publicKey).toBe(publicKey);
      expect((await restored.http().get('/v1/public/checkpoint').expect(200)).body).toEqual(oldProof.checkpoint);
      expect((await restored.http().get(`/v1/public/checkpoint?treeSize=${oldProof.checkpoint.treeSize}`).expect(200)).body).toEqual(oldProof.checkpoint);
      const accountant = client(restored, (await restored.user('Kế toán mới', ['accountant'])).token);
      const later = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '7000000' }));
      expectStatus(later, 201);
      const signed = await run(['checkpoint', '--json'], restoredDir);
      expect(signed.status).toBe(0);
      const newer = JSON.parse(signed.stdout);
      expect(newer.treeSize).toBeGreaterThan(oldProof.checkpoint.treeSize);

      const proof = (await restored.http().get(`/v1/public/proofs/consistency?from=${oldProof.checkpoint.treeSize}&to=${newer.treeSize}`).expect(200)).body;
      const grew = await offline({ older: oldProof.checkpoint, newer, proof });
      expect(grew).toMatchObject({ status: 0, stdout: expect.stringMatching(/the log only grew between them/u) });
      expect((await offline(oldProof)).status).toBe(0);
      const again = await run(['prove', String(positions[0])], restoredDir);
      expect(JSON.parse(again.stdout)).toMatchObject({ leaf: oldProof.leaf, leafIndex: oldProof.leafIndex, checkpoint: newer });
      expect((await offline(JSON.parse(again.stdout))).status).toBe(0);
      const newProof = await run(['prove', String(later.body.position)], restoredDir);
      expect((await offline(JSON.parse(newProof.stdout))).status).toBe(0);
    } finally {
      await restored.close();
    }
  }, 300_000);
});
