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

  it('tells apart the entries of two funds that share a number: another fund\'s later DN-, DB-, ER- leaves this fund\'s steps in', () => {
    const filter = new BusinessDateFilter(MAY_16);
    const ofFund = <T extends { data: object }>(event: T, fundId: string): T => ({ ...event, data: { ...event.data, fundId } });
    // Fund A's first gift, request and release are dated after the bound; fund B's, with the same numbers, before it.
    expect(filter.admits(ofFund(dated(donationRecorded({ sequence: 1 }), 'receivedAt', '2024-05-30T09:00:00+07:00'), 'quy-a'))).toBe(false);
    expect(filter.admits(ofFund(dated(disbursementRequested({ sequence: 1 }), 'requestedAt', '2024-05-30T09:00:00+07:00'), 'quy-a'))).toBe(false);
    expect(filter.admits(ofFund(dated(emergencyReleased({ sequence: 1 }), 'releasedAt', '2024-05-30T09:00:00+07:00'), 'quy-a'))).toBe(false);
    const gift = ofFund(dated(donationRecorded({ sequence: 1 }), 'receivedAt', '2024-05-02T09:00:00+07:00'), 'quy-b');
    const request = ofFund(dated(disbursementRequested({ sequence: 1 }), 'requestedAt', '2024-05-03T09:00:00+07:00'), 'quy-b');
    const release = ofFund(dated(emergencyReleased({ sequence: 1 }), 'releasedAt', '2024-05-03T09:00:00+07:00'), 'quy-b');
    for (const event of [gift, request, release]) expect(filter.admits(event)).toBe(true);
    expect(filter.admits(ofFund(dated(donationReversed(gift, 1), 'reversedAt', '2024-05-10T09:00:00+07:00'), 'quy-b'))).toBe(true);
    expect(filter.admits(ofFund(dated(disbursementApproved(1), 'approvedAt', '2024-05-04T09:00:00+07:00'), 'quy-b'))).toBe(true);
    expect(filter.admits(ofFund(dated(disbursementPaid(1), 'paidAt', '2024-05-05T09:00:00+07:00'), 'quy-b'))).toBe(true);
    expect(filter.admits(ofFund(dated(paymentReversed(request, 2), 'reversedAt', '2024-05-06T09:00:00+07:00'), 'quy-b'))).toBe(true);
    expect(filter.admits(ofFund(dated(emergencyReleaseSettled(1, '1000', '0'), 'settledAt', '2024-05-07T09:00:00+07:00'), 'quy-b'))).toBe(true);
  });
});
