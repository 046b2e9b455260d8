import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasProblems, ImportLog, REJECTIONS_KEPT } from '../../src/import/import-log';
import type { ImportResult } from '../../src/import/statement-import';

/**
 * Issue 14, "imports with warnings": each import's answer is kept as one JSON line of the data
 * directory's imports.ndjson, read newest first per fund; a line torn by a crash mid-write is
 * passed over, never a reason for the dashboard to fail.
 */
describe('the import log', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'import-log-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const result = (overrides: Partial<ImportResult> = {}): ImportResult => ({
    imported: 3, duplicates: 0, suspense: 0, debits: { fees: 1, interest: 0, unclassified: 0 }, skipped: 2, rejected: [], rejectedCount: 0, position: 40, fileSha256: 'a'.repeat(64),
    format: 'csv', profile: 'generic' as ImportResult['profile'], bankAccount: '0071000123456', rows: 4, complete: true, warnings: [],
    statement: { statementId: 'SK-aaaaaaaaaaaaaaaa', account: '0071000123456', from: '2024-09-01', to: '2024-09-10', openingBalance: null, closingBalance: null, lines: 4, sha256: 'a'.repeat(64) },
    balanceCheck: { ok: true, checkedLines: 0 }, alreadyImported: false, ...overrides,
  });

  it('answers a fund\'s imports newest first, keeps the first rejected lines, and says which need another look', () => {
    const log = new ImportLog({ dataDir });
    expect(log.recent('ctd-a', 10)).toEqual([]);
    const rejected = Array.from({ length: 30 }, (_, i) => ({ line: i + 2, code: 'VALIDATION_FAILED', message: 'receivedAt: not a date' }));
    log.record('ctd-a', 'u-1', '2026-12-01T02:00:00.000Z', result());
    log.record('ctd-b', 'u-1', '2026-12-01T03:00:00.000Z', result({ fileSha256: 'b'.repeat(64) }));
    log.record('ctd-a', 'u-2', '2026-12-02T02:00:00.000Z', result({ rejected, rejectedCount: 30, fileSha256: 'c'.repeat(64) }));
    log.record('ctd-a', 'u-2', '2026-12-03T02:00:00.000Z', result({ complete: false, fileSha256: 'd'.repeat(64) }));

    const recent = log.recent('ctd-a', 10);
    expect(recent.map((r) => r.fileSha256[0])).toEqual(['d', 'c', 'a']);
    expect(recent.map(hasProblems)).toEqual([true, true, false]);
    expect(recent[1].rejected).toHaveLength(REJECTIONS_KEPT);
    expect(recent[1].rejectedCount).toBe(30);
    expect(log.recent('ctd-a', 1).map((r) => r.fileSha256[0])).toEqual(['d']);
    // Another process (a restart) reads what the first one wrote.
    expect(new ImportLog({ dataDir }).recent('ctd-b', 10).map((r) => r.importedBy)).toEqual(['u-1']);
  });

  it('passes over a torn line and counts warnings when the answer has them', () => {
    const log = new ImportLog({ dataDir });
    log.record('ctd-a', 'u-1', '2026-12-01T02:00:00.000Z', result());
    // A crash mid-write: the line has no end, and the next record must not be glued to it.
    appendFileSync(join(dataDir, 'imports.ndjson'), '{"fundId":"ctd-a","importedAt":"2026-12-0');
    log.record('ctd-a', 'u-1', '2026-12-02T02:00:00.000Z', result({ warnings: [{ code: 'UNREAD_COLUMN', message: 'Column 7 "Ghi chú 2" is not a column the ledger reads' }] }));
    const recent = log.recent('ctd-a', 10);
    expect(recent.map((r) => r.warningCount)).toEqual([1, 0]);
    expect(hasProblems(recent[0])).toBe(true);
  });
});
