import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../projections';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { canonicalJsonSha256 } from '../../src/shared/canonical-json';
import { tableProjectionHash } from '../../src/audit/table-state';
import { verifyAgainstRunners, type VerifyResult } from '../../src/audit/verify';
import { withLedgerContext } from '../../src/cli/cli-support';
import { verifyVerb } from '../../src/cli/verbs/verify.verb';
import type { LedgerConfig } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { chainHash, eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

export const FUND_ID = 'ctd-audit';

/** Every projection's live hash at a position, as the running read models had it. */
export interface RecordedHashes {
  position: number;
  hashes: Record<string, string>;
}

export function sqliteConfig(dataDir: string): LedgerConfig {
  return { store: 'sqlite', dataDir, eventStoreConnectionString: null, port: 0, adminToken: null, logLevel: 'silent' };
}

/** Waits until every runner has applied `position`, then hashes each live read model. */
export async function recordLiveHashes(ledger: TestLedger, position: number): Promise<RecordedHashes> {
  const projections = ledger.app.get(ProjectionsService);
  const hashes: Record<string, string> = {};
  for (const projection of ALL_PROJECTIONS) {
    const runner = projections.runner(projection);
    if (!(await runner.waitFor(position, 10_000))) throw new Error(`${projection.name} did not reach ${position}`);
    hashes[projection.name] = canonicalJsonSha256(runner.current);
  }
  for (const projection of ALL_TABLE_PROJECTIONS) {
    const runner = projections.tableRunner(projection);
    if (!(await runner.waitFor(position, 10_000))) throw new Error(`${projection.name} did not reach ${position}`);
  }
  // The registers are written by the projection worker: read them on a connection of our own.
  const tables = new Database(projections.readModelsFile, { readonly: true, fileMustExist: true });
  try {
    for (const projection of ALL_TABLE_PROJECTIONS) hashes[projection.name] = tableProjectionHash(tables, projection);
  } finally {
    tables.close();
  }
  return { position, hashes };
}

const donation = (amount: string, name: string, reference: string) => ({
  amount, channel: 'bank_transfer', receivedAt: '2024-05-12T09:30:00+07:00', reference,
  donor: { name, kind: 'individual', publicName: null },
});

/**
 * A small ledger written through the real HTTP API: users, a fund, donations, a disbursement
 * requested, approved and paid. After each command the live read models are hashed.
 */
export async function writeSmallLedger(ledger: TestLedger): Promise<RecordedHashes[]> {
  const recorded: RecordedHashes[] = [];
  const accountant = await ledger.user('Kế toán Lan', ['accountant']);
  const approver = await ledger.user('Chủ tịch Hùng', ['approver']);
  const send = async (token: string, path: string, body: object, expected: number) => {
    const response = await ledger.http().post(path).set('Authorization', `Bearer ${token}`).send(body);
    if (response.status !== expected) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    recorded.push(await recordLiveHashes(ledger, response.body.position));
    return response.body;
  };
  await send(ADMIN_TOKEN, '/v1/funds', { fundId: FUND_ID, name: 'Quỹ hoạt động Chữ thập đỏ (kiểm toán)' }, 201);
  await send(accountant.token, `/v1/funds/${FUND_ID}/donations`, donation('1500000', 'Nguyễn Văn An', 'FT001'), 201);
  await send(accountant.token, `/v1/funds/${FUND_ID}/donations`, donation('2750000', 'Trần Thị Bình', 'FT002'), 201);
  await send(accountant.token, `/v1/funds/${FUND_ID}/donations`, donation('400000', 'Lê Văn Cường', 'FT003'), 201);
  const requested = await send(accountant.token, `/v1/funds/${FUND_ID}/disbursements`, {
    amount: '1000000', kind: 'relief', component: 'general', purpose: 'Gạo cho hộ nghèo', beneficiary: 'Hộ bà Tư', requestedAt: '2024-05-19T09:00:00+07:00',
  }, 201);
  const disbursement = `/v1/funds/${FUND_ID}/disbursements/${requested.disbursementId}`;
  await send(approver.token, `${disbursement}/approve`, {}, 200);
  await send(approver.token, `${disbursement}/pay`, { paidAt: '2024-05-20T10:00:00+07:00', reference: 'UNC-01' }, 200);
  await send(accountant.token, `/v1/funds/${FUND_ID}/donations`, donation('300000', 'Phạm Thị Dung', 'FT004'), 201);
  return recorded;
}

/** A written, closed ledger in a folder of its own, with the hashes recorded while it was written. */
export interface ClosedLedger {
  dataDir: string;
  recorded: RecordedHashes[];
  cleanup(): void;
}

export async function writeClosedLedger(): Promise<ClosedLedger> {
  const ledger = await startTestLedger();
  let recorded: RecordedHashes[];
  try {
    recorded = await writeSmallLedger(ledger);
  } finally {
    // app.close() rather than ledger.close(), which would delete the folder.
    await ledger.app.close();
  }
  return { dataDir: ledger.dataDir, recorded, cleanup: () => rmSync(ledger.dataDir, { recursive: true, force: true }) };
}

/** A copy of a closed ledger's folder, to tamper with without spoiling the original. */
export function copyLedger(dataDir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ctd-ledger-tampered-'));
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

/** `ledger verify` in process: the CLI's own application context and the same function. */
export function verifyInContext(dataDir: string): Promise<VerifyResult> {
  const io = { stdout: process.stdout, stderr: process.stderr, env: {} };
  return withLedgerContext(sqliteConfig(dataDir), io, (app) => verifyAgainstRunners(app.get<EventStore>(EVENT_STORE), app.get(ProjectionsService)));
}

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string;
}

/** Opens the event file directly, as someone tampering with it would, and closes it after. */
export function withEventFile<T>(dataDir: string, work: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'ledger.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function eventRows(db: Database.Database): EventRow[] {
  return db.prepare('SELECT position, stream_id, revision, type, data, metadata, hash FROM events ORDER BY position').all() as EventRow[];
}

/**
 * Rewrites the stream and global hashes of every event from `fromPosition` on, as a forger who
 * knows the recipe would after changing an event: every chain then verifies, and only the
 * comparison with the live read models can notice.
 */
export function rehashFrom(db: Database.Database, fromPosition: number): void {
  const rows = db.prepare('SELECT * FROM events ORDER BY position').all() as Record<string, string & number>[];
  const streamHeads = new Map<string, string>();
  let globalPrevious = GENESIS_HASH;
  const update = db.prepare('UPDATE events SET previous_hash = ?, hash = ?, global_previous_hash = ?, global_hash = ? WHERE position = ?');
  for (const row of rows) {
    const previousHash = streamHeads.get(row.stream_id) ?? GENESIS_HASH;
    let hash = row.hash as string;
    let globalHash = row.global_hash as string;
    if (row.position >= fromPosition) {
      const event = { eventId: row.event_id, type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
      hash = eventHash(previousHash, row.stream_id, row.revision, event);
      globalHash = chainHash(globalPrevious, hash);
      update.run(previousHash, hash, globalPrevious, globalHash, row.position);
    }
    streamHeads.set(row.stream_id, hash);
    globalPrevious = globalHash;
  }
}

/** `ledger verify --json --quiet` in process, on a data folder: its exit code and its JSON. */
export async function cliVerify(dataDir: string): Promise<{ code: number; result: Record<string, unknown> }> {
  let out = '';
  const sink = (write: (text: string) => void) => ({ write: (text: string) => (write(text), true), once: () => undefined });
  const io = { stdout: sink((text) => (out += text)), stderr: sink(() => undefined), env: { LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'silent' } };
  const code = await verifyVerb.run(['--json', '--quiet'], io);
  return { code, result: JSON.parse(out) as Record<string, unknown> };
}
