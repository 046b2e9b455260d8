/**
 * Row identity: the occurrence index among identical lines, counted in bounded memory. Checked
 * against a plain Map over every base, whatever the order of days and however small the memory.
 */
import fc from 'fast-check';
import { identityBase, OccurrenceCounter, rowIdempotencyKey, rowIdOf } from '../../src/import/row-identity';
import { scratchFolder } from './support/statements';

const scratch = scratchFolder('ctd-import-identity-');
afterAll(() => scratch.remove());

describe('OccurrenceCounter', () => {
  it('counts like a Map of every base, in date order or not, with days moved to disk', () => {
    const line = fc.record({ day: fc.integer({ min: 1, max: 6 }), transfer: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (lines, memoryLimit) => {
        const counter = new OccurrenceCounter(scratch.dir, memoryLimit);
        const reference = new Map<string, number>();
        try {
          lines.forEach(({ day, transfer }, index) => {
            const dayText = `2024-09-${String(day).padStart(2, '0')}`;
            const base = `${dayText}|${transfer}`;
            const expected = reference.get(base) ?? 0;
            reference.set(base, expected + 1);
            expect(counter.next(dayText, base)).toBe(expected);
            if (index % 7 === 0) counter.commit();
          });
        } finally {
          counter.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('moves only finished days to disk when a day-ordered statement outgrows its memory', () => {
    const counter = new OccurrenceCounter(scratch.dir, 100);
    try {
      for (let day = 1; day <= 9; day++) for (let n = 0; n < 90; n++) counter.next(`2024-09-0${day}`, `${day}|${n % 45}`);
      // 45 transfers a day, room for 100: the two latest days stay in memory, the seven before on disk.
      expect(counter.spilledDays).toBe(7);
    } finally {
      counter.close();
    }
  });
});

describe('row ids and keys', () => {
  const fields = { bankAccount: '0011001932418', receivedAt: '2024-09-10T00:00:00+07:00', reference: '5213.45946', amountVnd: '50000', memo: 'XIN CAM ON' };

  it('differ by every field and by the occurrence', () => {
    const base = identityBase(fields);
    const ids = new Set([
      rowIdOf(base, 0), rowIdOf(base, 1),
      ...(['bankAccount', 'receivedAt', 'reference', 'amountVnd', 'memo'] as const).map((field) => rowIdOf(identityBase({ ...fields, [field]: `${fields[field]}x` }), 0)),
      rowIdOf(identityBase({ ...fields, reference: null }), 0),
    ]);
    expect(ids.size).toBe(8);
  });

  it('key a row by fund and day, so keys of one statement sort together', () => {
    expect(rowIdempotencyKey('ctd-hn', fields.receivedAt, 'ab'.repeat(32))).toBe(`statement-row:ctd-hn:20240910:${'ab'.repeat(32)}`);
  });
});
