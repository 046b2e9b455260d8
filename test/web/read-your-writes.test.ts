import { noteWrittenPosition, waitingForOwnWrites } from '../../web/src/api/read-your-writes';

/**
 * The staff app's reads after its own writes: once the tab wrote at a position, every read of a
 * fund answered from a read model (staff or public, a register, a report, a statement's reconciliation, a download) waits
 * for it, so no screen shows the fund as it stood before the tab's own write.
 */
describe('the staff app reads what it wrote', () => {
  const at = (path: string) => waitingForOwnWrites(new URL(path, 'http://ledger.example'))?.searchParams.get('minPosition') ?? null;

  it('asks nothing before the tab wrote; afterwards, every read of a fund waits for the newest position it wrote', () => {
    expect(at('/v1/funds/quy-a/balance')).toBeNull();
    noteWrittenPosition(41);
    noteWrittenPosition(7);
    for (const path of [
      '/v1/funds', '/v1/funds/quy-a/balance', '/v1/public/funds/quy-a', '/v1/funds/quy-a/statements?bankAccount=0071000135790',
      '/v1/funds/quy-a/bank-accounts/0071000135790/reconciliation', '/v1/funds/quy-a/reports/financial?format=xlsx',
      '/v1/public/funds/quy-a/donations?q=lan',
    ]) expect({ path, minPosition: at(path) }).toEqual({ path, minPosition: '41' });
  });

  it('leaves a read that names its own minPosition, and reads that are not a fund\'s, as they are', () => {
    noteWrittenPosition(50);
    expect(at('/v1/funds/quy-a/balance?minPosition=60')).toBeNull();
    for (const path of ['/v1/session', '/v1/users', '/v1/public/keys', '/v1/fundsx']) expect({ path, minPosition: at(path) }).toEqual({ path, minPosition: null });
    // Reads of the log itself are current at once: given minPosition they would wait for every read model.
    for (const path of [
      '/v1/funds/quy-a', '/v1/funds/quy-a/policy', '/v1/funds/quy-a/obligations?year=2026', '/v1/funds/quy-a/publications',
      '/v1/funds/quy-a/beneficiaries', '/v1/funds/quy-a/donations/DN-2026-000001', '/v1/public/funds/quy-a/publications',
    ]) expect({ path, minPosition: at(path) }).toEqual({ path, minPosition: null });
  });
});
