import './esm-interop';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { ReadModels } from '../../src/read-side/read-models';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { FUND, type History, writeHistory } from './scripted-history';

let ledger: TestLedger;
let history: History;

beforeAll(async () => {
  ledger = await startTestLedger();
  history = await writeHistory(ledger);
});
afterAll(async () => ledger?.close());

describe('the read side reads the read models through a read-only connection of its own', () => {
  it('is not the runners\' writing connection, and no query through it can change a register', () => {
    const db = ledger.app.get(ReadModels).db;
    expect(db.readonly).toBe(true);
    // The writing connection belongs to the projection worker: no runner on this thread holds one.
    expect(ledger.app.get(ProjectionsService).tablesOffThread).toBe(true);
    for (const runner of ledger.app.get(ProjectionsService).allTables()) expect(runner).not.toHaveProperty('db');
    expect(() => db.exec(`DELETE FROM register_donations WHERE fund_id = '${FUND}'`)).toThrow(/readonly/i);
    expect(() => db.exec('CREATE TABLE intruder (x)')).toThrow(/readonly/i);
  });

  it('sees every write at the position the write answered with, at once (read-your-writes on WAL)', async () => {
    for (let i = 0; i < 15; i += 1) {
      const reference = `RO-${i}`;
      const written = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${history.actors.accountant}`).send({
        amount: String(10_000 + i), channel: 'cash', receivedAt: '2024-01-05T08:00:00+07:00', reference,
        donor: { name: 'Đỗ Thị Hoa', kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
      });
      expect(written.status).toBe(201);
      const [register, publicSearch] = await Promise.all([
        ledger.http().get(`/v1/funds/${FUND}/donations?reference=${reference}&minPosition=${written.body.position}`)
          .set('Authorization', `Bearer ${history.actors.auditor}`),
        ledger.http().get(`/v1/public/funds/${FUND}/donations?reference=${reference}&minPosition=${written.body.position}`),
      ]);
      expect([register.status, register.body.items.map((item: { amountVnd: string }) => item.amountVnd)]).toEqual([200, [String(10_000 + i)]]);
      expect([publicSearch.status, publicSearch.body.items.length]).toEqual([200, 1]);
      expect(register.body.position).toBeGreaterThanOrEqual(written.body.position);
    }
  });
});
