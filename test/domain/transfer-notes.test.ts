/**
 * Transfers to a ledger elsewhere (R16; api-v2 "Between chapters"): a signed transfer note is
 * imported once into the fund it is addressed to, with its restriction or campaign purpose; a
 * note signed by no trusted key, altered or forged, or addressed to another fund books nothing.
 * The keys are fixed seeds, so every run signs the same bytes.
 */
import type { RegisterTrustedKey } from '../../src/domain/fund/fund.commands';
import type { TrustedKeyRegistered } from '../../src/domain/fund/fund.events';
import type { AssignTransferToCampaign, ImportTransferNote as ImportNoteCommand, RequestTransfer, ReverseEntry } from '../../src/domain/spending/spending.commands';
import type { TransferNoteImported } from '../../src/domain/spending/spending.events';
import { evolveInflowsByNote } from '../../src/domain/spending/inflows';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import { poolKeyOf } from '../../src/domain/spending/pools';
import {
  signTransferNote, TRANSFER_NOTE_FORMAT, transferNoteSignedText, type TransferNote, type TransferNoteBody,
} from '../../src/domain/spending/transfer-note';
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyRaw } from '../../src/proofs/signed-note';
import { canonicalJson } from '../../src/shared/canonical-json';
import { ACCOUNTANT, campaignCreated, FUND_ID, fundOpened, NOW, periodClosed, plusDays } from './builders';
import { FundDecider, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const SENDER_KEY = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 7));
const SENDER_PUBLIC = ed25519PublicKeyRaw(SENDER_KEY).toString('base64');
const FORGER_KEY = ed25519PrivateKeyFromSeed(Buffer.alloc(32, 9));
const KEY_ID = 'a1b2c3d4';
const SENDER_CHAPTER = 'Hội Chữ thập đỏ xã An Phú';

const fund = fundOpened();
const trusted: TrustedKeyRegistered = {
  type: 'TrustedKeyRegistered',
  data: { fundId: FUND_ID, keyId: KEY_ID, publicKey: SENDER_PUBLIC, chapter: SENDER_CHAPTER, registeredBy: 'admin', registeredAt: NOW },
};

function body(overrides: Partial<TransferNoteBody> = {}): TransferNoteBody {
  return {
    format: TRANSFER_NOTE_FORMAT, ledger: 'ctd-xa-an-phu.example.vn/ledger', keyId: KEY_ID, fromFundId: 'ctd-xa-an-phu', fromChapter: SENDER_CHAPTER,
    transferId: 'TR-ctd-xa-an-phu-000001', toFundId: FUND_ID, amount: '12500000', currency: 'VND', component: 'emergency-relief',
    campaignId: 'bao-yagi-2024', restrictionId: 'campaign:bao-yagi-2024', restrictionPurpose: 'Khắc phục hậu quả bão Yagi', restrictionBeneficiary: null,
    purpose: 'Chuyển tiền ủng hộ bão Yagi lên Hội cấp tỉnh', businessDate: '2024-05-10T09:00:00+07:00', position: 4242, ...overrides,
  };
}
const signed = (overrides: Partial<TransferNoteBody> = {}): TransferNote => signTransferNote(body(overrides), SENDER_KEY);
const importNote = (note: unknown): ImportNoteCommand => ({ type: 'ImportTransferNote', note, actor: { userId: ACCOUNTANT }, now: NOW });

function imported(note: TransferNote, receivedRestrictionId: string | null = 'campaign:bao-yagi-2024'): TransferNoteImported {
  return {
    type: 'TransferNoteImported',
    data: {
      fundId: FUND_ID, transferId: note.transferId, fromLedger: note.ledger, fromFundId: note.fromFundId, fromChapter: note.fromChapter, keyId: note.keyId,
      amount: note.amount, component: note.component, campaignId: note.campaignId, receivedRestrictionId, restrictionPurpose: note.restrictionPurpose,
      restrictionBeneficiary: note.restrictionBeneficiary, purpose: note.purpose, note, importedBy: ACCOUNTANT, importedAt: NOW,
    },
  };
}

describe('Transfer notes: the signature', () => {
  it('covers the canonical JSON (RFC 8785) of every member but the signature, with the project\'s one canonical-JSON module', () => {
    const note = signed();
    const { signature: _signature, ...rest } = note;
    expect(transferNoteSignedText(note)).toBe(canonicalJson(rest));
    expect(Buffer.from(note.signature, 'base64')).toHaveLength(64);
    // Fixed keys, fixed note: the same signature every run (Ed25519 is deterministic).
    expect(signed().signature).toBe(note.signature);
  });
});

describe('Transfer notes: importing (R16)', () => {
  it('books a campaign\'s money once, restricted to its purpose in a pool named by the note: the sending ledger\'s campaign is none of this fund\'s', () => {
    const note = signed();
    const pool = `note:${KEY_ID}:${note.transferId}`;
    const outcome = SpendingDecider.given().withFund(fund, trusted).when(importNote(note));
    outcome.then(imported(note, pool));
    const event = imported(note, pool);
    const inflows = evolveInflowsByNote(inflowsOf(), event);
    expect(inflows.restrictions.get(pool)).toMatchObject({ purpose: 'Khắc phục hậu quả bão Yagi', campaignId: null });
    expect(availableInPool(spendingStateOf(event), inflows, poolKeyOf('emergency-relief', pool)).toFixed()).toBe('12500000');
    expect(inflows.cashByPool.has(poolKeyOf('emergency-relief', 'campaign:bao-yagi-2024'))).toBe(false);
    expect(inflows.datedByCampaign.has('bao-yagi-2024')).toBe(false);
  });

  it('a note booked into `campaign:<id>` before stays that pool\'s campaign\'s money, where it entered', () => {
    const inflows = evolveInflowsByNote(inflowsOf(), imported(signed()));
    expect(availableInPool(spendingStateOf(), inflows, poolKeyOf('emergency-relief', 'campaign:bao-yagi-2024')).toFixed()).toBe('12500000');
    expect(inflows.datedByCampaign.has('bao-yagi-2024')).toBe(true);
  });

  it('unrestricted money a campaign of the sending ledger sent is no campaign\'s here', () => {
    const note = signed({ restrictionId: null, restrictionPurpose: null });
    const inflows = evolveInflowsByNote(inflowsOf(), imported(note, null));
    expect(inflows.datedByCampaign.has('bao-yagi-2024')).toBe(false);
    expect(inflows.componentsByCampaign.has('bao-yagi-2024')).toBe(false);
  });

  it('keeps a designated gift designated, in a pool named by the note, with its beneficiary', () => {
    const note = signed({ campaignId: null, restrictionId: 'DN-2024-000007', restrictionPurpose: 'Xây nhà cho bà Lê Thị Hoa', restrictionBeneficiary: 'Lê Thị Hoa' });
    SpendingDecider.given().withFund(fund, trusted).when(importNote(note))
      .thenMatches({ type: 'TransferNoteImported', data: { receivedRestrictionId: `note:${KEY_ID}:TR-ctd-xa-an-phu-000001`, restrictionBeneficiary: 'Lê Thị Hoa' } });
  });

  it('a note imported twice: the second adds nothing (409 ALREADY_EXISTS naming the earlier booking)', () => {
    const note = signed();
    const outcome = SpendingDecider.given(imported(note)).withFund(fund, trusted).when(importNote(note));
    outcome.thenRejects('ALREADY_EXISTS', {
      entity: 'transferNote', transferId: note.transferId, fromLedger: note.ledger, amount: '12500000', importedBy: ACCOUNTANT, importedAt: NOW,
    });
    expect(outcome.stateAfter().importedNotes.size).toBe(1);
  });

  it('the same note signed again (a new key of the same ledger) is still the same transfer: booked once', () => {
    const note = signed();
    const otherKey: TrustedKeyRegistered = { type: 'TrustedKeyRegistered', data: { ...trusted.data, keyId: 'b2c3d4e5', publicKey: ed25519PublicKeyRaw(FORGER_KEY).toString('base64') } };
    const again = signTransferNote(body({ keyId: 'b2c3d4e5' }), FORGER_KEY);
    SpendingDecider.given(imported(note)).withFund(fund, trusted, otherKey).when(importNote(again)).thenRejects('ALREADY_EXISTS', { transferId: note.transferId });
  });

  it.each([
    ['the amount', { amount: '12500001' }],
    ['the amount, one digit in the middle', { amount: '12600000' }],
    ['the log position', { position: 4243 }],
    ['the receiving fund', { toFundId: 'ctd-khac' }],
    ['the purpose', { restrictionPurpose: 'Chi thường xuyên' }],
  ])('a note with %s changed after signing is refused (422 INVALID_SIGNATURE, BAD_SIGNATURE)', (_what, change) => {
    const altered = { ...signed(), ...change };
    SpendingDecider.given().withFund(fund, trusted).when(importNote(altered)).thenRejects('INVALID_SIGNATURE', { reason: 'BAD_SIGNATURE', keyId: KEY_ID });
  });

  it('a forged note (signed by another key under the trusted keyId) is refused (INVALID_SIGNATURE, BAD_SIGNATURE)', () => {
    const forged = signTransferNote(body({ amount: '99000000' }), FORGER_KEY);
    SpendingDecider.given().withFund(fund, trusted).when(importNote(forged)).thenRejects('INVALID_SIGNATURE', { reason: 'BAD_SIGNATURE' });
  });

  it('a signature that is not base64 of 64 bytes is a malformed note (VALIDATION_FAILED on signature)', () => {
    SpendingDecider.given().withFund(fund, trusted).when(importNote({ ...signed(), signature: 'abc' }))
      .thenRejects('VALIDATION_FAILED', { field: 'signature' });
  });

  it('a note signed by a key the fund never trusted is refused (422 INVALID_SIGNATURE, UNTRUSTED_KEY)', () => {
    SpendingDecider.given().withFund(fund).when(importNote(signed())).thenRejects('INVALID_SIGNATURE', { reason: 'UNTRUSTED_KEY', keyId: KEY_ID });
  });

  it('a note addressed to another fund is refused (422 NOTE_MISADDRESSED), even well signed', () => {
    SpendingDecider.given().withFund(fund, trusted).when(importNote(signed({ toFundId: 'ctd-tinh-khac' })))
      .thenRejects('NOTE_MISADDRESSED', { toFundId: 'ctd-tinh-khac', fundId: FUND_ID });
  });

  it('a note with a member added or missing is refused before its signature is read (VALIDATION_FAILED)', () => {
    SpendingDecider.given().withFund(fund, trusted).when(importNote({ ...signed(), bonus: '1' })).thenRejects('VALIDATION_FAILED', { field: 'bonus' });
    const { purpose: _purpose, ...missing } = signed();
    SpendingDecider.given().withFund(fund, trusted).when(importNote(missing)).thenRejects('VALIDATION_FAILED', { field: 'purpose' });
  });

  it.each([['hôm qua'], ['2024-05-10'], ['10/05/2024 09:00'], ['2024-02-30T09:00:00+07:00']])(
    'a well-signed note whose businessDate %s is no timestamp with an offset is refused (VALIDATION_FAILED on businessDate), as no register could date it',
    (businessDate) => {
      SpendingDecider.given().withFund(fund, trusted).when(importNote(signed({ businessDate })))
        .thenRejects('VALIDATION_FAILED', { field: 'businessDate' });
    },
  );

  it('a note sent on a later day than the booking (a next morning\'s value date) waits for that day (DATE_BEFORE_REQUEST): the money never arrives before it left', () => {
    const tomorrow = '2024-05-13T08:00:00+07:00';
    SpendingDecider.given().withFund(fund, trusted).when(importNote(signed({ businessDate: tomorrow })))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'importedAt', value: NOW, businessDate: tomorrow });
    SpendingDecider.given().withFund(fund, trusted).when({ ...importNote(signed({ businessDate: tomorrow })), now: '2024-05-13T08:00:00+07:00' })
      .thenMatches({ type: 'TransferNoteImported', data: { importedAt: '2024-05-13T08:00:00+07:00' } });
  });

  it('a component this fund does not have is refused (UNKNOWN_COMPONENT)', () => {
    SpendingDecider.given().withFund(fund, trusted).when(importNote(signed({ component: 'giao-duc' }))).thenRejects('UNKNOWN_COMPONENT', { component: 'giao-duc' });
  });

  it('a note booked on a day the fund closed is refused (PERIOD_CLOSED)', () => {
    SpendingDecider.given().withFund(fund, trusted, periodClosed('2024-Q2', '2024-04-01', '2024-06-30')).when(importNote(signed()))
      .thenRejects('PERIOD_CLOSED');
  });
});

describe('Money booked from a note as the fund\'s general money, assigned afterwards to one of its campaigns', () => {
  const tet = campaignCreated({ campaignId: 'tet-2024', name: 'Tết Nhân ái 2024', kind: 'tet', receiveFrom: '2024-01-01T00:00:00+07:00', receiveUntil: '2024-12-31T00:00:00+07:00' });
  const flood = campaignCreated({ campaignId: 'lu-2024', name: 'Lũ tháng 5', receiveFrom: '2024-05-01T00:00:00+07:00', receiveUntil: '2024-06-30T00:00:00+07:00' });
  const general = signed({ campaignId: null, restrictionId: null, restrictionPurpose: null });
  const booked = imported(general, null);
  const ASSIGNED_ON = plusDays(NOW, 2);
  const assign = (overrides: Partial<Omit<AssignTransferToCampaign, 'type'>> = {}): AssignTransferToCampaign => ({
    type: 'AssignTransferToCampaign', transferId: general.transferId, fromLedger: general.ledger, campaignId: 'tet-2024',
    reason: 'Công văn 5/CTĐ-huyện: tiền hỗ trợ Tết', received: null, actor: { userId: ACCOUNTANT }, now: ASSIGNED_ON, ...overrides,
  });
  const books = (...history: Parameters<typeof SpendingDecider.given>) => SpendingDecider.given(booked, ...history).withFund(fund, trusted, tet, flood);

  it('moves it from the component it came into to the campaign, naming the ledger it came from', () => {
    books().when(assign()).then({
      type: 'TransferAssignedToCampaign',
      data: {
        fundId: FUND_ID, assignmentId: 'TA-000001', transferId: general.transferId, fromLedger: general.ledger, fromFundId: 'ctd-xa-an-phu', receivedAt: NOW,
        amount: '12500000', component: 'emergency-relief', restrictionId: null, toComponent: 'emergency-relief', toCampaignId: 'tet-2024', toRestrictionId: null,
        reason: 'Công văn 5/CTĐ-huyện: tiền hỗ trợ Tết', assignedBy: ACCOUNTANT, assignedAt: ASSIGNED_ON,
      },
    });
    books().when(assign({ campaignId: 'lu-2024' })).thenMatches({ type: 'TransferAssignedToCampaign', data: { toCampaignId: 'lu-2024', toRestrictionId: 'campaign:lu-2024' } });
  });

  it('is the campaign\'s own money from then on: the campaign can send it on, and the note is assigned once', () => {
    const assigned = books().when(assign()).events[0];
    const onward = (): RequestTransfer => ({
      type: 'RequestTransfer', toFundId: 'ctd-tinh', amount: '12500000', component: 'emergency-relief', campaignId: 'tet-2024', restrictionId: null,
      purpose: 'Chuyển tiền Tết lên tỉnh', note: null, requestedAt: null, actor: { userId: ACCOUNTANT }, now: plusDays(ASSIGNED_ON, 1),
    });
    books().withCounterpart(fundOpened({ fundId: 'ctd-tinh' })).when(onward()).thenRejects('INSUFFICIENT_FUNDS', { campaignId: 'tet-2024' });
    books(assigned).withCounterpart(fundOpened({ fundId: 'ctd-tinh' })).when(onward()).thenMatches({ type: 'TransferRequested', data: { campaignId: 'tet-2024' } });
    books(assigned).when(assign({ campaignId: 'lu-2024' })).thenRejects('INVALID_STATE', { status: 'assigned', assignmentId: 'TA-000001' });
  });

  it('reversed, it may be assigned again; the reversal names the ledger it came from', () => {
    const assigned = books().when(assign()).events[0];
    const reverse: ReverseEntry = {
      type: 'ReverseEntry', entryId: 'TA-000001', reason: 'Ghi nhầm đợt', donation: null, reversedAt: null, actor: { userId: ACCOUNTANT }, now: plusDays(ASSIGNED_ON, 1),
    };
    const reversed = books(assigned).when(reverse).events[0];
    expect(reversed).toMatchObject({ type: 'TransferAssignmentReversed', data: { assignmentId: 'TA-000001', transferId: general.transferId, fromLedger: general.ledger } });
    books(assigned, reversed).when(assign({ campaignId: 'lu-2024', now: plusDays(ASSIGNED_ON, 1) }))
      .thenMatches({ type: 'TransferAssignedToCampaign', data: { assignmentId: 'TA-000002', toCampaignId: 'lu-2024' } });
  });

  it('a note of a campaign\'s money keeps its restriction, and one this fund never booked is NOT_FOUND', () => {
    const campaignMoney = signed({ transferId: 'TR-ctd-xa-an-phu-000002' });
    const pool = `note:${KEY_ID}:${campaignMoney.transferId}`;
    SpendingDecider.given(imported(campaignMoney, pool)).withFund(fund, trusted, tet, flood).when(assign({ transferId: campaignMoney.transferId }))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: pool, campaignId: 'tet-2024' });
    books().when(assign({ fromLedger: 'ledger.khac.example.vn' })).thenRejects('NOT_FOUND', { entity: 'transfer', id: general.transferId });
    books().when(assign({ fromLedger: undefined })).thenRejects('NOT_FOUND', { entity: 'transfer', id: general.transferId });
  });

  it('judges the campaign receiving on the day the note was booked', () => {
    const closedEarly = campaignCreated({ campaignId: 'tet-2024', kind: 'tet', receiveFrom: '2024-01-01T00:00:00+07:00', receiveUntil: '2024-05-01T00:00:00+07:00' });
    SpendingDecider.given(booked).withFund(fund, trusted, closedEarly).when(assign()).thenRejects('CAMPAIGN_CLOSED', { campaignId: 'tet-2024' });
  });
});

describe('Trusted keys: registering', () => {
  const register = (overrides: Partial<RegisterTrustedKey> = {}): RegisterTrustedKey => ({
    type: 'RegisterTrustedKey', keyId: KEY_ID, publicKey: SENDER_PUBLIC, chapter: SENDER_CHAPTER, registeredBy: 'admin', now: NOW, ...overrides,
  });

  it('records the key in the fund\'s stream', () => {
    FundDecider.given(fund).when(register()).then(trusted);
  });

  it('a keyId is registered once (ALREADY_EXISTS)', () => {
    FundDecider.given(fund, trusted).when(register()).thenRejects('ALREADY_EXISTS', { keyId: KEY_ID, samePublicKey: true });
  });

  it.each([
    ['keyId', { keyId: 'A1B2C3D4' }],
    ['publicKey', { publicKey: Buffer.alloc(31).toString('base64') }],
    ['chapter', { chapter: '   ' }],
  ])('refuses a malformed %s (VALIDATION_FAILED)', (field, change) => {
    FundDecider.given(fund).when(register(change)).thenRejects('VALIDATION_FAILED', { field });
  });
});
