/**
 * The write side's inflows of a fund, folded from the log: what the recent-activity route reads
 * to know how far back a fund's donation streams go (a backdated gift can precede the fund).
 */
import { RICE, donationRecorded } from './builders';
import { inflowsOf } from './given-when-then';

describe('inflows: the earliest fiscal year a donation of the fund is dated in', () => {
  it('is null before any donation', () => {
    expect(inflowsOf().earliestDonationYear).toBeNull();
  });

  it('goes back with a donation dated in an earlier year, recorded last, and never forward again', () => {
    const inflows = inflowsOf(
      donationRecorded({ sequence: 1, fiscalYear: 2026 }),
      donationRecorded({ sequence: 1, fiscalYear: 2021, receivedAt: '2021-05-04T10:00:00+07:00' }),
      donationRecorded({ sequence: 2, fiscalYear: 2026 }),
    );
    expect(inflows.earliestDonationYear).toBe(2021);
  });

  it('counts a gift in kind, which adds no cash, like any other donation', () => {
    const inKind = donationRecorded({ sequence: 1, fiscalYear: 2023, channel: 'in_kind', inKind: RICE });
    expect(inflowsOf(donationRecorded({ sequence: 1, fiscalYear: 2025 }), inKind).earliestDonationYear).toBe(2023);
  });
});
