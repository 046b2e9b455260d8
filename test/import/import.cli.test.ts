/**
 * `ledger import` spawned as a user runs it, on a real data folder: the JSON result, the
 * progress, usage errors, and a crash: SIGKILL in the middle of a 50,000-line statement, then
 * the same command again books every transfer exactly once with receipts that run without gaps.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';
import { CLI_BATCH_SIZE } from '../../src/import/statement-import';
import { buildCli, dataDirWithFund, ledger, spawnLedger } from './support/cli';
import { genericCsv, scratchFolder, writeGeneratedStatement } from './support/statements';

const FUND = 'ctd-hn';
const scratch = scratchFolder('ctd-import-cli-');
const dataDir = join(scratch.dir, 'data');

interface BookedRow {
  position: number;
  receiptNo: string;
  rowId: string;
  line: number;
  key: string;
}

function bookedRows(): BookedRow[] {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT position, json_extract(data, '$.receiptNo') AS receiptNo, json_extract(data, '$.source.rowId') AS rowId,
        json_extract(data, '$.source.line') AS line, idempotency_key AS key
      FROM events WHERE type = 'DonationRecorded' AND stream_id LIKE 'ctd.donations.${FUND}.%' ORDER BY position`).all() as BookedRow[];
  } finally {
    db.close();
  }
}

/** Revisions of a stream whose previousHash or hash does not recompute (ledger verify's chain check). */
function brokenChainLinks(streamId: string): number[] {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true, fileMustExist: true });
  try {
    const broken: number[] = [];
    let previousHash = GENESIS_HASH;
    const rows = db.prepare('SELECT revision, event_id, type, data, metadata, previous_hash, hash FROM events WHERE stream_id = ? ORDER BY revision').iterate(streamId);
    for (const row of rows as Iterable<{ revision: number; event_id: string; type: string; data: string; metadata: string; previous_hash: string; hash: string }>) {
      const event = { eventId: row.event_id, type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
      if (row.previous_hash !== previousHash || eventHash(previousHash, streamId, row.revision, event) !== row.hash) broken.push(row.revision);
      previousHash = row.hash;
    }
    return broken;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  await buildCli();
  mkdirSync(dataDir, { recursive: true });
  await dataDirWithFund(dataDir, FUND);
}, 600_000); // the build may wait for another worker's tsc, minutes on a busy machine

afterAll(() => scratch.remove());

describe('ledger import', () => {
  it('documents itself and refuses bad usage with exit 2, importing nothing', () => {
    const help = ledger(['import', '--help'], dataDir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ledger import <file> --fund F/);
    expect(ledger(['--help'], dataDir).stdout).toMatch(/^ {2}import +import a bank statement/m);
    const file = scratch.file('one.csv', genericCsv([{ date: '10/09/2024', reference: 'U1', credit: '10.000', description: 'x' }]));
    for (const args of [['import', file], ['import', '--fund', FUND], ['import', 'missing.csv', '--fund', FUND], ['import', file, '--fund', FUND, '--profile', 'sacombank'], ['import', file, '--fund', 'Bad Fund'],
      ['import', file, '--fund', FUND, '--batch-size', '5']]) {
      const run = ledger(args, dataDir);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
    }
    const unknown = ledger(['import', file, '--fund', 'khong-co'], dataDir, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/NOT_FOUND: No such fund/);
    // The same refusal under a Vietnamese locale: the code unchanged, the words Vietnamese.
    const vietnamese = ledger(['import', file, '--fund', 'khong-co'], dataDir, { LANG: 'vi_VN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(vietnamese.status).toBe(2);
    expect(vietnamese.stderr).toMatch(/NOT_FOUND: Không tìm thấy quỹ/);
    expect(bookedRows()).toEqual([]);
  });

  it('prints the result as JSON on stdout and plain progress lines on stderr; a second run finds duplicates', () => {
    const file = scratch.file('small.csv', genericCsv([
      { date: '10/09/2024', reference: 'S1', credit: '500.000', description: 'MBVCB.6987707712.858421.NGUYEN THI VAN ANH ung ho' },
      { date: '10/09/2024', reference: 'S2', debit: '55.000', description: 'THU PHI SMS' },
      { date: '10/09/2024', reference: 'S3', credit: '1,5', description: 'bad' },
    ]));
    const first = ledger(['import', file, '--fund', FUND, '--campaign', 'bao-yagi', '--profile', 'vietcombank'], dataDir);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual(expect.objectContaining({
      // The SMS fee of the campaign's account: no general money pays it, and campaign money never does (R7).
      imported: 1, duplicates: 0, debits: { fees: 0, interest: 0, unclassified: 1 }, rejected: [{ line: 4, code: 'VALIDATION_FAILED', field: 'credit', message: expect.any(String) }],
      profile: 'vietcombank', bankAccount: '0011001932418', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    }));
    expect(first.stderr).toMatch(/^import: done, 3 lines read, 1 imported/m);
    const second = ledger(['import', file, '--fund', FUND, '--campaign', 'bao-yagi', '--profile', 'vietcombank', '--quiet'], dataDir);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(expect.objectContaining({ imported: 0, duplicates: 1 }));
    expect(second.stderr).toBe('');
  });

  it('refuses a statement of a USD account with exit 2, naming the currency, booking nothing of it', () => {
    const before = bookedRows().length;
    const file = scratch.file('usd.csv', ['Số tài khoản: 0071000123456', 'Loại tiền/ Currency: USD', 'Ngày giao dịch,Số CT,Số tiền ghi có,Nội dung',
      '02/10/2024,FX1,"1,000.00",JOHN SMITH donation', ''].join('\r\n'));
    const run = ledger(['import', file, '--fund', FUND], dataDir, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/USD account \(line 2\).*fxRate/);
    expect(bookedRows()).toHaveLength(before);
  });

  it('refuses a statement whose header it does not recognise with exit 2, naming the headings seen and those it accepts', () => {
    const file = scratch.file('headings.csv', ['Thời điểm,Tiền vào,Lời nhắn', '02/10/2024,100.000,NGUYEN VAN A ung ho', ''].join('\r\n'));
    const run = ledger(['import', file, '--fund', FUND], dataDir, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('headings seen: Thời điểm, Tiền vào, Lời nhắn');
    expect(run.stderr).toMatch(/Column headings the ledger accepts[^\n]*\n {2}date: [^\n]*ngay giao dich/);
    expect(run.stderr).toMatch(/\n {2}credit: [^\n]*so tien ghi co/);
    // In Vietnamese, all of it (it said "không đọc được sao kê: No header row: …").
    const vietnamese = ledger(['import', file, '--fund', FUND], dataDir, { LANG: 'vi_VN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    expect(vietnamese.status).toBe(2);
    expect(vietnamese.stderr).toContain('không đọc được sao kê: Không tìm thấy dòng tiêu đề của sao kê');
    expect(vietnamese.stderr).toContain('các tiêu đề thấy được: Thời điểm, Tiền vào, Lời nhắn');
    expect(vietnamese.stderr).not.toMatch(/No header row|headings seen/);
  });

  it('killed with SIGKILL mid-import keeps whole batches; run again, it books every line exactly once', async () => {
    const before = bookedRows().length;
    const path = join(scratch.dir, 'crash-50k.csv');
    const { credits, debits } = await writeGeneratedStatement(path, 50_000);
    const child = spawnLedger(['import', path, '--fund', FUND], dataDir);
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Well inside the file: some batches committed, most of the file still to come.
      if (/import: 30% of the file/.test(stderr)) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    const survived = bookedRows().length - before;
    expect(survived).toBeGreaterThan(0);
    expect(survived).toBeLessThan(credits);
    // Every append is one whole batch: nothing in between survives a crash.
    expect(survived % CLI_BATCH_SIZE).toBe(0);

    const rerun = ledger(['import', path, '--fund', FUND, '--quiet'], dataDir);
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout)).toEqual(expect.objectContaining({ imported: credits - survived, duplicates: survived, debits: { fees: debits, interest: 0, unclassified: 0 }, rejectedCount: 0 }));

    const rows = bookedRows().slice(before);
    expect(rows).toHaveLength(credits);
    expect(new Set(rows.map((row) => row.rowId)).size).toBe(credits);
    expect(new Set(rows.map((row) => row.key)).size).toBe(credits);
    // Each credit line of the file once: lines 2..50,001 but the debits (every 97th transfer).
    const expectedLines = Array.from({ length: 50_000 }, (_, index) => index + 1).filter((n) => n % 97 !== 0).map((n) => n + 1);
    expect(rows.map((row) => row.line).sort((a, b) => a - b)).toEqual(expectedLines);
    // Receipt numbers continue the year's sequence without a gap, in log order.
    const firstNumber = before + 1;
    expect(rows.map((row) => row.receiptNo)).toEqual(rows.map((_row, index) => `2024-${String(firstNumber + index).padStart(6, '0')}`));

    // The stream's hash chain is whole across the crash: every link and every hash recomputes.
    expect(brokenChainLinks(`ctd.donations.${FUND}.2024`)).toEqual([]);
  }, 120_000);
});
