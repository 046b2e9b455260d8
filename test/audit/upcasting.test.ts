import { randomUUID } from 'node:crypto';
import { BalanceProjection } from '../../projections/balance.projection';
import { verifyAgainstRunners } from '../../src/audit/verify';
import { donationIdOf, receiptNumber } from '../../src/domain/donation/donation.ids';
import { registerUpcaster } from '../../src/domain/upcasters';
import { decodeEvent } from '../../src/log-reading/decode-event';
import type { JsonObject, StoredEvent } from '../../src/event-store/event-store.port';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { FUND_ID, recordLiveHashes, writeSmallLedger } from './ledger-fixture';

/**
 * A test-only version 2 of DonationRecorded adds `receiptLanguage`. Donations recorded before
 * it existed read as Vietnamese receipts. Pure: a new object, the stored one untouched.
 */
function donationRecordedV1toV2(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, receiptLanguage: 'vi' };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

async function allEvents(ledger: TestLedger): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of ledger.store.readAll()) events.push(event);
  return events;
}

describe('event schema evolution: old events are upcast on read, never rewritten', () => {
  let ledger: TestLedger;
  let unregister: (() => void) | undefined;
  let v1: StoredEvent;
  let v2: StoredEvent;

  beforeAll(async () => {
    // The upcaster below is registered at run time, in this thread only: the registers must run
    // here to read the v2 event (a deployed upcaster is registered when its module loads, in the
    // projection worker too).
    ledger = await startTestLedger({ tableProjectionsOnMainThread: true });
    await writeSmallLedger(ledger);
    v1 = (await allEvents(ledger)).filter((event) => event.type === 'DonationRecorded').at(-1) as StoredEvent;
  });

  afterAll(async () => {
    unregister?.();
    await ledger?.close();
  });

  it('upcasts with a pure function: same input, same output, the input untouched', () => {
    const stored = deepFreeze(structuredClone(v1.data));
    const once = donationRecordedV1toV2(stored);
    expect(donationRecordedV1toV2(stored)).toEqual(once);
    expect(stored).toEqual(v1.data);
    expect(once).toEqual({ ...v1.data, receiptLanguage: 'vi' });
  });

  it('reads both versions in the current shape once v2 exists, and a newer writer appends v2 events', async () => {
    unregister = registerUpcaster('DonationRecorded', 1, donationRecordedV1toV2);
    const revision = await ledger.store.streamRevision(v1.streamId);
    const fiscalYear = Number(v1.data.fiscalYear);
    const data: JsonObject = {
      ...v1.data, donationId: donationIdOf(fiscalYear, revision + 2), receiptNo: receiptNumber(fiscalYear, revision + 2),
      amount: '600000', amountVnd: '600000', reference: 'FT-V2', receiptLanguage: 'en',
    };
    const metadata = { ...v1.metadata, recordedAt: new Date().toISOString(), schemaVersion: 2 };
    const appended = await ledger.store.append(v1.streamId, [{ eventId: randomUUID(), type: 'DonationRecorded', data, metadata }], revision);
    v2 = appended.events[0];
    await recordLiveHashes(ledger, v2.position);

    expect(decodeEvent(v1).data).toMatchObject({ receiptLanguage: 'vi', donationId: v1.data.donationId });
    expect(decodeEvent(v2).data).toMatchObject({ receiptLanguage: 'en' });
    // Never rewritten: the stored v1 event is byte for byte what it was, hash included.
    const [reread] = await ledger.store.readStream(v1.streamId, { fromRevision: v1.revision, maxCount: 1 });
    expect(reread).toEqual(v1);
    expect(reread.data).not.toHaveProperty('receiptLanguage');
    const balance = ledger.app.get(ProjectionsService).runner(BalanceProjection).current;
    expect(balance.funds[FUND_ID].received).toBe('5550000');
  });

  it('verifies a log holding both versions', async () => {
    const result = await verifyAgainstRunners(ledger.store, ledger.app.get(ProjectionsService));
    expect(result).toMatchObject({ ok: true, eventsChecked: await countEvents(ledger.store) });
    expect(result.projections.every((check) => check.matches)).toBe(true);
  });

  it('calls a version it cannot read unknown_event, at its position', async () => {
    unregister?.();
    unregister = undefined;
    const result = await verifyAgainstRunners(ledger.store, ledger.app.get(ProjectionsService));
    expect(result).toMatchObject({ ok: false, firstBadPosition: v2.position, reason: 'unknown_event', details: { type: 'DonationRecorded', schemaVersion: 2 } });
  });

  it('calls an event type it does not know unknown_event, at its position', async () => {
    unregister = registerUpcaster('DonationRecorded', 1, donationRecordedV1toV2);
    const metadata = { ...v1.metadata, recordedAt: new Date().toISOString(), schemaVersion: 1 };
    const appended = await ledger.store.append('ctd.mystery.1', [{ eventId: randomUUID(), type: 'MysteryHappened', data: {}, metadata }], 'no_stream');
    const result = await verifyAgainstRunners(ledger.store, ledger.app.get(ProjectionsService));
    expect(result).toMatchObject({ ok: false, firstBadPosition: appended.lastPosition, reason: 'unknown_event', details: { type: 'MysteryHappened' } });
  });
});
