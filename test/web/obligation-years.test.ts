import { obligationYears } from '../../web/src/screens/obligation-years';

/** R22–R24 on the dashboard: the years whose obligations "Hạn công khai" reads. */
describe('staff app: the years of the publication deadlines on the dashboard', () => {
  const fund = (openedAt: string, ...receiveFrom: string[]) => ({ openedAt, campaigns: receiveFrom.map((day) => ({ receiveFrom: day })) });

  it('reads the next year when the 30 days ahead reach into it: a call due on 2 January is seen on 10 December', () => {
    expect(obligationYears('2026-12-10', 30, fund('2026-02-01T09:00:00+07:00'))).toEqual([2026, 2027]);
    expect(obligationYears('2026-12-01', 30, fund('2026-02-01T09:00:00+07:00'))).toEqual([2026]);
  });

  it('reads every year since the fund opened, or since an earlier campaign started: an old obligation left unmet is still overdue', () => {
    expect(obligationYears('2026-06-15', 30, fund('2024-05-01T09:00:00+07:00'))).toEqual([2024, 2025, 2026]);
    // A campaign entered afterwards with its real dates; 31 December 17:30 UTC is 1 January in Vietnam.
    expect(obligationYears('2026-06-15', 30, fund('2026-01-05T09:00:00+07:00', '2023-12-31T17:30:00Z'))).toEqual([2024, 2025, 2026]);
    expect(obligationYears('2026-06-15', 30, fund('2026-01-05T09:00:00+07:00', '2023-12-31T16:30:00Z'))).toEqual([2023, 2024, 2025, 2026]);
  });

  it('before the fund is read: last year and this one', () => {
    expect(obligationYears('2026-06-15', 30)).toEqual([2025, 2026]);
  });
});
