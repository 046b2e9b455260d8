import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../src/event-store/hash-chain';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { backupSqliteStore, BackupDamagedError, BackupRefusedError, readManifest, restoreSqliteStore } from '../../src/ops/sqlite-backup';
import { buildLedgerOnce, LedgerProcess } from '../soak/support/ledger-process';
import { requestJson } from '../soak/support/http-client';
import { ledgerAsync, type Run } from './support';

/**
 * `ledger backup` and `ledger restore` as an operator runs them (api-v2.md "Operations"): the real
 * server on a real data directory, a write load of donations over HTTP, `ledger backup` run as a
 * separate process in the middle of it, then `ledger restore` and `ledger verify` on the copy.
 * Nothing here depends on timing: the load runs before, during and after the backup by
 * construction, and the assertions are about what the files hold.
 */
const ADMIN_TOKEN = 'backup-admin-token-0123456789abcdef';
const FUND = 'quy-sao-luu';
const WORKERS = 4;
/** Donations acknowledged before the backup starts, and after it ends, so the log grows on both sides of it. */
const DONATIONS_BEFORE = 40;
const DONATIONS_AFTER = 20;

/** `ledger …` of the private build, silent but for its own output, while the load keeps running. */
function ledger(buildRoot: string, args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return ledgerAsync(buildRoot, args, dataDir, { LEDGER_LOG_LEVEL: 'silent', ...extraEnv });
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Position and global hash of every event, in log order, as the file holds them. */
function chainOf(file: string): { position: number; global_hash: string }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT position, global_hash FROM events ORDER BY position').all() as { position: number; global_hash: string }[];
  } finally {
    db.close();
  }
}

/** Donations sent by a few concurrent workers until told to stop; counts the acknowledged ones. */
class DonationLoad {
  acknowledged = 0;
  highestPosition = 0;
  readonly failures: string[] = [];
  private stopping = false;
  private running: Promise<void[]> = Promise.resolve([]);
  private sent = 0;

  constructor(private readonly baseUrl: string, private readonly token: string) {}

  start(): void {
    this.running = Promise.all(Array.from({ length: WORKERS }, () => this.worker()));
  }

  async untilAcknowledged(count: number): Promise<void> {
    while (this.acknowledged < count && this.failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async worker(): Promise<void> {
    while (!this.stopping && this.failures.length === 0) {
      const n = (this.sent += 1);
      const answer = await requestJson(this.baseUrl, 'POST', `/v1/funds/${FUND}/donations`, {
        token: this.token,
        idempotencyKey: `backup-load-${n}`,
        body: {
          amount: `${(n % 90) + 1}000000`, channel: 'bank_transfer', receivedAt: '2026-11-20T09:30:00+07:00',
          donor: { name: `Nhà hảo tâm ${n}`, kind: 'individual' }, component: 'general', reference: `FT-SL-${n}`,
        },
      });
      if (answer.status !== 201) {
        this.failures.push(`donation ${n}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        return;
      }
      this.acknowledged += 1;
      this.highestPosition = Math.max(this.highestPosition, Number(answer.body.position));
    }
  }
}

describe('ledger backup and ledger restore', () => {
  let buildRoot: string;
  let root: string;
  let server: LedgerProcess | undefined;
  /** The load test's data directory and backup, which the refusals below reuse. */
  let dataDir: string;
  let backupDir: string;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    root = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('takes a consistent backup while the server writes; the restored copy verifies at the manifest head; a tampered or misplaced restore is refused', async () => {
    dataDir = join(root, 'data');
    backupDir = join(root, 'backups', 'nightly');
    server = await LedgerProcess.start(buildRoot, { dataDir, adminToken: ADMIN_TOKEN });
    const admin = (path: string, body: unknown) => requestJson(server!.baseUrl, 'POST', path, { token: ADMIN_TOKEN, body });
    const accountant = await admin('/v1/users', { name: 'Kế toán', roles: ['accountant'] });
    expect(accountant.status).toBe(201);
    expect((await admin('/v1/funds', { fundId: FUND, name: 'Quỹ sao lưu' })).status).toBe(201);

    const load = new DonationLoad(server.baseUrl, String(accountant.body.token));
    load.start();
    await load.untilAcknowledged(DONATIONS_BEFORE);
    const acknowledgedBeforeBackup = load.highestPosition;
    const backup = await ledger(buildRoot, ['backup', backupDir, '--json'], dataDir);
    const acknowledgedAtBackupEnd = load.acknowledged;
    await load.untilAcknowledged(acknowledgedAtBackupEnd + DONATIONS_AFTER);
    await load.stop();
    expect(load.failures).toEqual([]);
    await server.stop();
    server = undefined;

    expect(backup).toMatchObject({ status: 0, stderr: '' });
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      headPosition: number; headHash: string; createdAt: string; files: { name: string; sha256: string }[];
    };
    expect(JSON.parse(backup.stdout)).toEqual(manifest);
    // The log, the Merkle tree with the checkpoints the server signed (issue 15), the ledger's secret the admin
    // token's seal derives from, and the signing key it generated (issue 17).
    expect(manifest.files.map((file) => file.name)).toEqual(['ledger.db', 'merkle-tree.db', 'beneficiary-secret', 'signing-key.pem']);
    expect(readdirSync(backupDir).sort()).toEqual(['beneficiary-secret', 'ledger.db', 'manifest.json', 'merkle-tree.db', 'signing-key.pem']);
    expect(modeOf(backupDir)).toBe(0o700);
    for (const name of readdirSync(backupDir)) expect([name, modeOf(join(backupDir, name))]).toEqual([name, 0o600]);

    // Consistent: the copy is exactly the live log's first headPosition events, chain links and all,
    // holding at least everything acknowledged before the backup began; the log went on after it.
    const live = chainOf(join(dataDir, 'ledger.db'));
    const copied = chainOf(join(backupDir, 'ledger.db'));
    expect(manifest.headPosition).toBeGreaterThanOrEqual(acknowledgedBeforeBackup);
    expect(live.length).toBeGreaterThan(manifest.headPosition);
    expect(copied).toEqual(live.slice(0, copied.length));
    expect(copied[copied.length - 1]).toEqual({ position: manifest.headPosition, global_hash: manifest.headHash });

    const restoredDir = join(root, 'restored', 'data');
    const restore = await ledger(buildRoot, ['restore', backupDir], restoredDir);
    expect(restore).toMatchObject({ status: 0, stderr: '' });
    expect(restore.stdout).toContain(`up to position ${manifest.headPosition}`);
    expect(readdirSync(restoredDir).sort()).toEqual(['beneficiary-secret', 'ledger.db', 'merkle-tree.db', 'signing-key.pem']);
    expect([modeOf(restoredDir), modeOf(join(restoredDir, 'ledger.db')), modeOf(join(restoredDir, 'merkle-tree.db')), modeOf(join(restoredDir, 'signing-key.pem'))])
      .toEqual([0o700, 0o600, 0o600, 0o600]);
    expect(readFileSync(join(restoredDir, 'signing-key.pem'))).toEqual(readFileSync(join(dataDir, 'signing-key.pem')));

    // The registers' read models are not in a backup: said plainly, not "equals a fresh replay" at position 0.
    const words = await ledger(buildRoot, ['verify', '--quiet'], restoredDir);
    expect(words.stdout).toMatch(/^projection donation-register \(tables, v\d+\) at position 0: not built yet, nothing compared/m);
    expect(words.stdout).not.toMatch(/at position 0: equals a fresh replay/);

    const verify = await ledger(buildRoot, ['verify', '--json', '--quiet'], restoredDir);
    expect(verify.status).toBe(0);
    const verified = JSON.parse(verify.stdout) as { ok: boolean; lastPosition: number; globalHeadHash: string; projections: { matches: boolean | null }[] };
    expect(verified).toMatchObject({ ok: true, lastPosition: manifest.headPosition, globalHeadHash: manifest.headHash });
    expect(verified.projections.every((check) => check.matches !== false)).toBe(true);

    // The backup itself, verified where it lies: checked against its manifest and verified on a copy, left byte for byte as it was.
    const backupFiles = () => readdirSync(backupDir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(backupDir, name))).digest('hex')]);
    const untouched = backupFiles();
    const inPlace = await ledger(buildRoot, ['verify', '--quiet'], backupDir);
    expect(inPlace.status).toBe(0);
    expect(inPlace.stdout).toMatch(/^Backup .*: every file is its manifest's; verified on a copy, the backup left as it was\.$/m);
    expect(inPlace.stdout).toMatch(/^OK: /m);
    expect(backupFiles()).toEqual(untouched);

    // Restore never writes over a ledger: the restored directory is not empty now.
    const before = readdirSync(restoredDir).sort();
    const overExisting = await ledger(buildRoot, ['restore', backupDir], restoredDir);
    expect(overExisting.status).toBe(2);
    expect(overExisting.stderr).toMatch(/^ledger restore: LEDGER_DATA_DIR .* is not empty/m);
    expect(readdirSync(restoredDir).sort()).toEqual(before);

    // One byte of the copied log changed: refused, the file named, nothing restored.
    const tampered = join(root, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const bytes = readFileSync(join(tampered, 'ledger.db'));
    bytes[bytes.length - 100] ^= 0x01;
    writeFileSync(join(tampered, 'ledger.db'), bytes);
    const fromTampered = await ledger(buildRoot, ['restore', tampered], join(root, 'from-tampered'));
    expect(fromTampered.status).toBe(1);
    expect(fromTampered.stderr).toMatch(/^ledger restore: .*ledger\.db: sha256 [0-9a-f]{64} is not the manifest's/m);
    expect(existsSync(join(root, 'from-tampered'))).toBe(false);
    // Verified where it lies, the tampered backup fails, naming the file.
    const verifyTampered = await ledger(buildRoot, ['verify', '--quiet'], tampered);
    expect(verifyTampered.status).toBe(1);
    expect(verifyTampered.stdout).toMatch(/^FAILED: the backup in .* is not what its manifest\.json says: .*ledger\.db: sha256 [0-9a-f]{64} is not the manifest's/m);
  }, 120_000);

  describe('refusals (nothing written)', () => {
    it('backup refuses a non-empty directory with one clear line, exit 2', async () => {
      const occupied = join(root, 'occupied');
      mkdirSync(occupied);
      writeFileSync(join(occupied, 'notes.txt'), 'keep me');
      const run = await ledger(buildRoot, ['backup', occupied], dataDir, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^ledger backup: the backup directory .*occupied is not empty: it must be empty or absent; nothing was written$/m);
      expect(readdirSync(occupied)).toEqual(['notes.txt']);
    });

    it('backup with LEDGER_STORE=eventstoredb refuses, exit 2, and points to EventStoreDB\'s own backup procedure', async () => {
      const target = join(root, 'esdb-backup');
      const run = await ledger(buildRoot, ['backup', target], dataDir, {
        LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/only the local read models.*back up EventStoreDB with its own procedure/);
      expect(existsSync(target)).toBe(false);
    });

    it('words the EventStoreDB refusal and a damaged backup in Vietnamese under a Vietnamese locale, as every other refusal', async () => {
      const vietnamese = { LANG: 'vi_VN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
      const esdb = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', ...vietnamese };
      const [backup, restore] = await Promise.all([
        ledger(buildRoot, ['backup', join(root, 'esdb-backup-vi')], dataDir, esdb), ledger(buildRoot, ['restore', backupDir], join(root, 'esdb-restore-vi'), esdb),
      ]);
      for (const [verb, run] of [['backup', backup], ['restore', restore]] as const) {
        expect({ verb, status: run.status }).toEqual({ verb, status: 2 });
        expect(run.stderr).toMatch(new RegExp(`^ledger ${verb}: LEDGER_STORE=eventstoredb giữ nhật ký sự kiện trong EventStoreDB, không phải trong LEDGER_DATA_DIR; .*Không làm gì cả: hãy sao lưu EventStoreDB bằng quy trình riêng của nó`, 'm'));
      }
      const damagedDir = join(root, 'damaged-vi');
      cpSync(backupDir, damagedDir, { recursive: true });
      writeFileSync(join(damagedDir, 'ledger.db'), 'not the log');
      const damaged = await ledger(buildRoot, ['restore', damagedDir], join(root, 'from-damaged-vi'), vietnamese);
      expect(damaged.status).toBe(1);
      expect(damaged.stderr).toMatch(new RegExp(`^ledger restore: bản sao lưu trong ${damagedDir} bị hỏng: ledger\\.db: sha256 [0-9a-f]{64} .*\\. Không khôi phục gì cả\\.$`, 'm'));
      expect(existsSync(join(root, 'from-damaged-vi'))).toBe(false);
    });

    it('restore refuses a manifest whose head is not the log\'s (exit 1, naming the file) and a directory without a manifest (exit 2)', async () => {
      const editedDir = join(root, 'edited');
      cpSync(backupDir, editedDir, { recursive: true });
      const manifestPath = join(editedDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { headPosition: number };
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, headPosition: manifest.headPosition - 1 }));
      const edited = await ledger(buildRoot, ['restore', editedDir], join(root, 'from-edited'));
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain(`ledger.db ends at position ${manifest.headPosition} `);
      expect(edited.stderr).toContain(`not at the manifest's position ${manifest.headPosition - 1} `);
      expect(existsSync(join(root, 'from-edited'))).toBe(false);

      rmSync(manifestPath);
      const unfinished = await ledger(buildRoot, ['restore', editedDir], join(root, 'from-unfinished'));
      expect(unfinished.status).toBe(2);
      expect(unfinished.stderr).toMatch(/is not a backup: it has no manifest\.json/);
    });
  });
});

/** The checks of src/ops/sqlite-backup.ts that need no server: run in this process, on real files. */
describe('backup and restore of the log file, in process', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ledger-backup-unit-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function emptyLogBackup(): Promise<string> {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    await SqliteEventStore.open(join(dataDir, 'ledger.db')).close();
    const backupDir = join(root, 'backup');
    await backupSqliteStore(dataDir, backupDir, new Date('2026-12-03T19:00:00Z'));
    return backupDir;
  }

  it('backs up and restores an empty log at position 0 with the genesis hash as its head', async () => {
    const backupDir = await emptyLogBackup();
    const manifest = readManifest(backupDir);
    expect(manifest).toMatchObject({ headPosition: 0, headHash: GENESIS_HASH, createdAt: '2026-12-03T19:00:00.000Z' });
    await expect(restoreSqliteStore(backupDir, join(root, 'restored'))).resolves.toEqual(manifest);
  });

  it('keeps the statement imports still to review (imports.ndjson), so a restored dashboard lists them as before', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    await SqliteEventStore.open(join(dataDir, 'ledger.db')).close();
    const worklist = '{"fundId":"quy-a","rejectedCount":1}\n';
    writeFileSync(join(dataDir, 'imports.ndjson'), worklist);
    const backupDir = join(root, 'backup');
    const manifest = await backupSqliteStore(dataDir, backupDir, new Date('2026-12-03T19:00:00Z'));
    expect(manifest.files.map((file) => file.name)).toEqual(['ledger.db', 'imports.ndjson']);
    const restoredDir = join(root, 'restored');
    await restoreSqliteStore(backupDir, restoredDir);
    expect(readFileSync(join(restoredDir, 'imports.ndjson'), 'utf8')).toBe(worklist);
  });

  it('refuses to back up a data directory without a log, and creates no backup directory', async () => {
    const target = join(root, 'backup');
    await expect(backupSqliteStore(join(root, 'nothing-here'), target, new Date())).rejects.toThrow(BackupRefusedError);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a manifest naming a file a backup never holds (a path out of the directory), writing nothing', async () => {
    const backupDir = await emptyLogBackup();
    const manifestPath = join(backupDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { name: string; sha256: string }[] };
    manifest.files.push({ name: '../read-models.db', sha256: manifest.files[0].sha256 });
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const restoredDir = join(root, 'restored');
    await expect(restoreSqliteStore(backupDir, restoredDir)).rejects.toThrow(new BackupDamagedError(
      'manifest.json is not a backup manifest: files lists "../read-models.db", which a backup never holds (it holds ledger.db, merkle-tree.db, beneficiary-secret, signing-key.pem, imports.ndjson)',
    ));
    expect(existsSync(restoredDir)).toBe(false);
  });

  it('names a file the manifest lists but the backup lacks', async () => {
    const backupDir = await emptyLogBackup();
    rmSync(join(backupDir, 'ledger.db'));
    await expect(restoreSqliteStore(backupDir, join(root, 'restored'))).rejects.toThrow(new BackupDamagedError('ledger.db is missing from the backup'));
  });
});
