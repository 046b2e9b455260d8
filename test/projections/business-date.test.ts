import { BusinessDateFilter, businessDateOf } from '../../projections/business-date';
import {
  disbursementApproved, disbursementPaid, disbursementRequested, donationRecorded, donationReversed, emergencyReleaseCancelled, emergencyReleased,
  emergencyReleaseSettled, emergencySettlementReversed, fundOpened, paymentReversed,
} from '../domain/builders';

const MAY_16 = Date.parse('2024-05-16T23:59:59.999+07:00');
const dated = <T extends { data: object }>(event: T, field: string, iso: string): T => ({ ...event, data: { ...event.data, [field]: iso } });

describe('R14 business-date look-back', () => {
  it('keeps the entries dated by the bound and every event that moves no money', () => {
    const filter = new BusinessDateFilter(MAY_16);
    expect(filter.admits(fundOpened())).toBe(true);
    expect(filter.admits(dated(donationRecorded({ sequence: 1 }), 'receivedAt', '2024-05-12T09:00:00+07:00'))).toBe(true);
    expect(filter.admits(dated(donationRecorded({ sequence: 2 }), 'receivedAt', '2024-05-20T09:00:00+07:00'))).toBe(false);
    expect(businessDateOf(fundOpened())).toBeNull();
  });

  it('leaves out a step of an entry whose earlier step is dated later: a payment of a later request, a reversal of a later payment', () => {
    const filter = new BusinessDateFilter(MAY_16);
    const late = dated(disbursementRequested({ sequence: 1 }), 'requestedAt', '2024-06-01T09:00:00+07:00');
    expect(filter.admits(late)).toBe(false);
    expect(filter.admits(dated(disbursementPaid(1), 'paidAt', '2024-05-15T09:00:00+07:00'))).toBe(false);
    const early = dated(disbursementRequested({ sequence: 2 }), 'requestedAt', '2024-05-10T09:00:00+07:00');
    expect(filter.admits(early)).toBe(true);
    expect(filter.admits(dated(disbursementApproved(2), 'approvedAt', '2024-05-11T09:00:00+07:00'))).toBe(true);
    expect(filter.admits(dated(disbursementPaid(2), 'paidAt', '2024-05-20T09:00:00+07:00'))).toBe(false);
    expect(filter.admits(dated(paymentReversed(early, 1), 'reversedAt', '2024-05-14T09:00:00+07:00'))).toBe(false);
    const gift = dated(donationRecorded({ sequence: 3 }), 'receivedAt', '2024-05-30T09:00:00+07:00');
    expect(filter.admits(gift)).toBe(false);
    expect(filter.admits(dated(donationReversed(gift, 2), 'reversedAt', '2024-05-15T09:00:00+07:00'))).toBe(false);
  });

  it('follows a settlement with its reversal, and a release with its cancellation', () => {
    const filter = new BusinessDateFilter(MAY_16);
    const released = dated(emergencyReleased({ sequence: 1 }), 'releasedAt', '2024-05-10T09:00:00+07:00');
    expect(filter.admits(released)).toBe(true);
    expect(filter.admits(dated(emergencyReleaseSettled(1, '1000', '0'), 'settledAt', '2024-05-18T09:00:00+07:00'))).toBe(false);
    expect(filter.admits(dated(emergencySettlementReversed(released, '1000', '0'), 'reversedAt', '2024-05-15T09:00:00+07:00'))).toBe(false);
    const other = dated(emergencyReleased({ sequence: 2 }), 'releasedAt', '2024-05-20T09:00:00+07:00');
    expect(filter.admits(other)).toBe(false);
    expect(filter.admits(dated(emergencyReleaseCancelled(other, 3), 'reversedAt', '2024-05-12T09:00:00+07:00'))).toBe(false);
  });
});
