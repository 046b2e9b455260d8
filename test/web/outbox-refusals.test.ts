import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refusalKeys, type RefusedCommand } from '../../web/src/offline/refusal';

type OutboxProblem = NonNullable<RefusedCommand['problem']> & { status: number; message: string };

/** The Vietnamese catalogue, read from its source (the app's module needs a browser's globals). */
const vietnamese = (() => {
  const source = readFileSync(join(__dirname, '..', '..', 'web', 'src', 'i18n.ts'), 'utf8');
  const part = source.slice(0, source.indexOf('\nconst en: '));
  return new Map([...part.matchAll(/^ {2}'([^']+)': '((?:[^'\\]|\\.)*)',$/gm)].map((match) => [match[1], match[2]]));
})();

/** What the coordinator reads, in Vietnamese. */
function refusalWords(entry: RefusedCommand): { message: string; todo: string } | undefined {
  const keys = refusalKeys(entry, [...vietnamese.keys()]);
  return keys && { message: vietnamese.get(keys.message) as string, todo: vietnamese.get(keys.todo) as string };
}

function refused(kind: string, problem: OutboxProblem): RefusedCommand {
  return { kind, problem };
}

const invalidState = (reason: string, details: Record<string, unknown> = {}): OutboxProblem => ({
  status: 422, code: 'INVALID_STATE', message: 'refused', details: { reason, ...details },
});

/**
 * "Chờ gửi" (web/src/screens/outbox.tsx) tells the coordinator, in Vietnamese, what to do about each
 * command the ledger refused on arrival. A hand-over ticked offline is refused INVALID_STATE for
 * three reasons the ledger names (details.reason): a team-mate recorded the household as received
 * (nothing to do), the request was rejected or its payment reversed meanwhile, or the office closed
 * the share as not delivered. In the last two the goods or money did reach the household while the
 * books say they did not: "nothing more to do" would drop that fact without a word.
 */
describe('outbox: what the coordinator is told of a refused command', () => {
  it('says nothing is left to do when a team-mate already recorded the household as received', () => {
    const words = refusalWords(refused('handover', invalidState('handed-over', { status: 'received' })));
    expect(words?.todo).toMatch(/Không cần làm gì thêm/);
  });

  it('tells them to report a hand-over whose request was rejected or reversed meanwhile, never that nothing is left to do', () => {
    const words = refusalWords(refused('handover', invalidState('disbursement', { status: 'reversed' })));
    expect(words?.todo).not.toMatch(/Không cần làm gì thêm/);
    expect(words?.todo).toMatch(/báo ngay kế toán/i);
  });

  it('tells them to report a hand-over of a share the office closed meanwhile, never that nothing is left to do', () => {
    const words = refusalWords(refused('handover', invalidState('share-closed', { closed: true, status: 'absent' })));
    expect(words?.todo).not.toMatch(/Không cần làm gì thêm/);
    expect(words?.todo).toMatch(/báo ngay kế toán/i);
  });

  it('tells them to report a settlement whose release the office cancelled meanwhile: what was spent is recorded nowhere', () => {
    const words = refusalWords(refused('emergency-settlement', { status: 422, code: 'INVALID_STATE', message: 'refused', details: { status: 'cancelled' } }));
    expect(words?.todo).toMatch(/báo ngay kế toán/i);
    expect(words?.todo).not.toMatch(/người khác xử lý/);
  });

  it('names the phone\'s clock for a business date the ledger finds in the future or before the request', () => {
    for (const kind of ['handover', 'emergency-release', 'emergency-settlement'] as const) {
      const ahead = refusalWords(refused(kind, { status: 422, code: 'FUTURE_DATE', message: 'future' }));
      expect(ahead?.todo).toMatch(/đồng hồ/i);
    }
    const behind = refusalWords(refused('handover', { status: 422, code: 'DATE_BEFORE_REQUEST', message: 'early' }));
    expect(behind?.todo).toMatch(/đồng hồ/i);
  });

  it('keeps the words of a device signed out and of the other codes', () => {
    expect(refusalWords(refused('handover', { status: 401, code: 'UNAUTHENTICATED', message: 'x', reason: 'device-signed-out' }))?.todo)
      .toMatch(/đăng xuất từ xa/);
    expect(refusalWords(refused('emergency-release', { status: 422, code: 'EMERGENCY_CAP_EXCEEDED', message: 'x' }))?.todo).toMatch(/hạn mức/);
    expect(refusalWords(refused('emergency-settlement', invalidState('release', { status: 'settled' })))?.todo).toMatch(/người khác xử lý/);
    expect(refusalWords({ kind: 'handover' })).toBeUndefined();
  });
});
