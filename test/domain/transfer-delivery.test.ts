/**
 * The closing half of a transfer to a ledger elsewhere (R16): the receiving ledger's signed
 * delivery receipt, recorded once by the sending fund, takes the money out of its transit for good.
 * A receipt signed by no trusted key, altered or forged, or naming another transfer, sender,
 * receiver or amount changes nothing. The keys are fixed seeds, so every run signs the same bytes.
 */
import type { TrustedKeyRegistered } from '../../src/domain/fund/fund.events';
import type { RecordTransferDelivery } from '../../src/domain/spending/spending.commands';
import type { TransferApproved, TransferDelivered, TransferRequested } from '../../src/domain/spending/spending.events';
import {
  DELIVERY_RECEIPT_FORMAT, deliveryReceiptSignedText, signDeliveryReceipt, type DeliveryReceipt, type DeliveryReceiptBody,
} from '../../src/domain/spending/delivery-receipt';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { canonicalJson } from '../../src/shared/canonical-json';
import { ACCOUNTANT, donationRecorded, FUND_ID, fundOpened, NOW, periodClosed, reverseEntry } from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const RECEIVER_KEY = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 11));
const RECEIVER_PUBLIC = ed25519PublicKeyRaw(RECEIVER_KEY).toString('base64');
const FORGER_KEY = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 13));
const KEY_ID = 'b2c3d4e5';
const OWN_LEDGER = 'ctd-hcm.example.vn/ledger';
const ELSEWHERE = 'ctd-tinh-xa.example.vn/ledger';
const TO_FUND = 'ctd-tinh-xa';
const TR1 = `TR-${FUND_ID}-000001`;
/** Sent the day before the receiving ledger booked it. */
const SENT_AT = '2024-05-10T09:00:00+07:00';
const BOOKED_AT = '2024-05-11T10:00:00+07:00';

const fund = fundOpened();
const oneMillion = donationRecorded({ sequence: 1, amountVnd: '1000000' });
const trusted: TrustedKeyRegistered = {
  type: 'TrustedKeyRegistered',
  data: { fundId: FUND_ID, keyId: KEY_ID, publicKey: RECEIVER_PUBLIC, chapter: 'Hội Chữ thập đỏ tỉnh', registeredBy: 'admin', registeredAt: NOW },
};

function transferRequested(overrides: Partial<TransferRequested['data']> = {}): TransferRequested {
  return {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: TR1, toFundId: TO_FUND, external: true, amount: '400000', component: 'general', campaignId: null,
      restrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển tiền ủng hộ lên Hội cấp tỉnh', note: null,
      approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: SENT_AT, ...overrides,
    },
  };
}

function body(overrides: Partial<DeliveryReceiptBody> = {}): DeliveryReceiptBody {
  return {
    format: DELIVERY_RECEIPT_FORMAT, ledger: ELSEWHERE, keyId: KEY_ID, toFundId: TO_FUND, toChapter: 'Hội Chữ thập đỏ tỉnh', transferId: TR1,
    fromLedger: OWN_LEDGER, fromFundId: FUND_ID, amount: '400000', currency: 'VND', businessDate: BOOKED_AT, position: 77, ...overrides,
  };
}
const signed = (overrides: Partial<DeliveryReceiptBody> = {}): DeliveryReceipt => signDeliveryReceipt(body(overrides), RECEIVER_KEY);
const deliver = (receipt: unknown, transferId = TR1): RecordTransferDelivery => ({
  type: 'RecordTransferDelivery', transferId, receipt, ledger: OWN_LEDGER, actor: { userId: ACCOUNTANT }, now: NOW,
});

function delivered(receipt: DeliveryReceipt): TransferDelivered {
  return {
    type: 'TransferDelivered',
    data: {
      fundId: FUND_ID, transferId: TR1, toFundId: TO_FUND, amount: '400000', component: 'general', restrictionId: null, campaignId: null,
      toLedger: ELSEWHERE, toChapter: 'Hội Chữ thập đỏ tỉnh', keyId: KEY_ID, receivedAt: BOOKED_AT, receivedPosition: 77, receipt,
      recordedBy: ACCOUNTANT, recordedAt: NOW,
    },
  };
}

const given = (...events: (TransferRequested | TransferApproved | TransferDelivered)[]) => SpendingDecider.given(...events).withFund(fund, trusted).withDonations(oneMillion);

describe('Delivery receipts: the signature', () => {
  it('covers the canonical JSON (RFC 8785) of every member but the signature; the same booking signs the same bytes', () => {
    const receipt = signed();
    const { signature: _signature, ...rest } = receipt;
    expect(deliveryReceiptSignedText(receipt)).toBe(canonicalJson(rest));
    expect(Buffer.from(receipt.signature, 'base64')).toHaveLength(64);
    expect(signed().signature).toBe(receipt.signature);
  });
});

describe('Delivery receipts: the sender records one (R16)', () => {
  it('given an external transfer in transit, when its receipt is recorded, then it is delivered: out of transit, transferred out for good', () => {
    const receipt = signed();
    const outcome = given(transferRequested()).when(deliver(receipt));
    outcome.then(delivered(receipt));
    const state = outcome.stateAfter();
    expect(state.transfers.get(TR1)?.status).toBe('delivered');
    const outflows = state.pools.get('general');
    expect(outflows?.transferHeld.toFixed()).toBe('0');
    expect(outflows?.transferredOut.toFixed()).toBe('400000');
    // Delivered money never comes back to the pool: 600 000 left of the million.
    expect(availableInPool(spendingStateOf(transferRequested(), delivered(receipt)), inflowsOf(oneMillion), 'general').toFixed()).toBe('600000');
  });

  it('booked there before it went in transit here (approved with the next morning\'s date), it arrives when it was sent: never before it left', () => {
    const requested = transferRequested({ approvalsRequired: 1, requestedAt: '2024-04-30T20:00:00+07:00' });
    const sent: TransferApproved = {
      type: 'TransferApproved',
      data: { fundId: FUND_ID, transferId: TR1, approvedBy: 'approver-1', note: null, approvalsCount: 1, approvalsRequired: 1, fullyApproved: true, approvedAt: '2024-05-01T08:00:00+07:00' },
    };
    const receipt = signed({ businessDate: '2024-04-30T21:00:00+07:00' });
    given(requested, sent).when(deliver(receipt))
      .thenMatches({ type: 'TransferDelivered', data: { receivedAt: '2024-05-01T08:00:00+07:00', receipt: { businessDate: '2024-04-30T21:00:00+07:00' } } });
  });

  it('booked there in a period this fund closed since, it arrives on the first day after the closed periods: the money stays in transit in them', () => {
    const closedQ2 = periodClosed('2024-Q2', '2024-04-01', '2024-06-30', '2024-07-05T09:00:00+07:00');
    const closedQ3 = periodClosed('2024-Q3', '2024-07-01', '2024-09-30', '2024-10-03T09:00:00+07:00');
    const receipt = signed();
    SpendingDecider.given(transferRequested()).withFund(fund, trusted, closedQ2, closedQ3).withDonations(oneMillion)
      .when({ ...deliver(receipt), now: '2024-10-05T09:00:00+07:00' })
      .thenMatches({ type: 'TransferDelivered', data: { receivedAt: '2024-10-01T00:00:00+07:00', receipt: { businessDate: receipt.businessDate } } });
    // With only the second quarter closed, it arrives on the first day of the third.
    SpendingDecider.given(transferRequested()).withFund(fund, trusted, closedQ2).withDonations(oneMillion)
      .when({ ...deliver(receipt), now: '2024-07-06T09:00:00+07:00' })
      .thenMatches({ type: 'TransferDelivered', data: { receivedAt: '2024-07-01T00:00:00+07:00' } });
  });

  it('a delivered transfer is the receiver\'s money: the sender cannot reverse it (422 INVALID_STATE)', () => {
    given(transferRequested(), delivered(signed())).when(reverseEntry(TR1)).thenRejects('INVALID_STATE', { status: 'delivered' });
  });

  it('a receipt recorded twice: the second changes nothing (409 ALREADY_EXISTS naming the first)', () => {
    const receipt = signed();
    given(transferRequested(), delivered(receipt)).when(deliver(receipt)).thenRejects('ALREADY_EXISTS', {
      entity: 'transferDelivery', transferId: TR1, toLedger: ELSEWHERE, receivedAt: BOOKED_AT, receivedPosition: 77, recordedBy: ACCOUNTANT, recordedAt: NOW,
    });
  });

  it.each([
    ['the amount', { amount: '400001' }],
    ['the transfer', { transferId: `TR-${FUND_ID}-000002` }],
    ['the booking\'s position', { position: 78 }],
  ])('a receipt with %s changed after signing is refused (422 INVALID_SIGNATURE, BAD_SIGNATURE)', (_what, change) => {
    given(transferRequested()).when(deliver({ ...signed(), ...change })).thenRejects('INVALID_SIGNATURE', { reason: 'BAD_SIGNATURE', keyId: KEY_ID });
  });

  it('a forged receipt (another key under the trusted keyId) is refused (BAD_SIGNATURE)', () => {
    given(transferRequested()).when(deliver(signDeliveryReceipt(body(), FORGER_KEY))).thenRejects('INVALID_SIGNATURE', { reason: 'BAD_SIGNATURE' });
  });

  it('a receipt signed by a key the fund never trusted is refused (UNTRUSTED_KEY)', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).withDonations(oneMillion).when(deliver(signed()))
      .thenRejects('INVALID_SIGNATURE', { reason: 'UNTRUSTED_KEY', keyId: KEY_ID });
  });

  it.each([
    ['amount', { amount: '4000000' }, '400000', '4000000'],
    ['amount', { amount: '399999' }, '400000', '399999'],
    ['transferId', { transferId: `TR-${FUND_ID}-000009` }, TR1, `TR-${FUND_ID}-000009`],
    ['fromLedger', { fromLedger: 'ctd-khac.example.vn/ledger' }, OWN_LEDGER, 'ctd-khac.example.vn/ledger'],
    ['fromFundId', { fromFundId: 'ctd-khac' }, FUND_ID, 'ctd-khac'],
    ['toFundId', { toFundId: 'ctd-tinh-khac' }, TO_FUND, 'ctd-tinh-khac'],
  ])('a well-signed receipt naming another %s is refused (422 RECEIPT_MISMATCH)', (field, change, expected, actual) => {
    given(transferRequested()).when(deliver(signed(change))).thenRejects('RECEIPT_MISMATCH', { field, expected, actual });
  });

  it('the same amount written otherwise ("400000.0") is the same amount', () => {
    given(transferRequested()).when(deliver(signed({ amount: '400000.0' }))).thenMatches({ type: 'TransferDelivered', data: { amount: '400000' } });
  });

  it('a transfer to a fund of this ledger has no receipt (422 INVALID_STATE, external false)', () => {
    given(transferRequested({ external: false })).when(deliver(signed())).thenRejects('INVALID_STATE', { external: false });
  });

  it('a transfer still waiting for approval is not in transit (422 INVALID_STATE)', () => {
    given(transferRequested({ approvalsRequired: 1 })).when(deliver(signed())).thenRejects('INVALID_STATE', { status: 'requested' });
  });

  it('an unknown transfer is NOT_FOUND', () => {
    given().when(deliver(signed())).thenRejects('NOT_FOUND');
  });

  it('a receipt with a member added or missing is refused before its signature is read (VALIDATION_FAILED)', () => {
    given(transferRequested()).when(deliver({ ...signed(), bonus: '1' })).thenRejects('VALIDATION_FAILED', { field: 'bonus' });
    const { amount: _amount, ...missing } = signed();
    given(transferRequested()).when(deliver(missing)).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it.each([['hôm qua'], ['2024-05-11'], ['11/05/2024 10:00'], ['2024-02-30T10:00:00+07:00']])(
    'a well-signed receipt whose businessDate %s is no timestamp with an offset is refused (VALIDATION_FAILED on businessDate), as no register could date the arrival',
    (businessDate) => {
      given(transferRequested()).when(deliver(signed({ businessDate }))).thenRejects('VALIDATION_FAILED', { field: 'businessDate' });
    },
  );

  it('a receipt recorded on a day the fund closed is refused (PERIOD_CLOSED)', () => {
    SpendingDecider.given(transferRequested()).withFund(fund, trusted, periodClosed('2024-Q2', '2024-04-01', '2024-06-30')).withDonations(oneMillion)
      .when(deliver(signed())).thenRejects('PERIOD_CLOSED');
  });
});
