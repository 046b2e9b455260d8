import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EVENT_SCHEMA_VERSIONS } from '../../../src/domain/ledger-events';
import { Streams } from '../../../src/domain/streams';
import type { EventToAppend, JsonObject } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { donationRecorded, FUND_ID, fundOpened } from '../../domain/builders';

/**
 * Writes a log the read models have never seen straight into `<dataDir>/ledger.db`: the fund
 * opened, then `donations` donations of 2024, a thousand an append, named `<namePrefix> <n>`,
 * of `amountBase + n` VND, with references `<referencePrefix><n, 8 digits>`.
 */
export async function writeDonationLog(
  dataDir: string,
  donations: number,
  options: { namePrefix: string; amountBase: number; referencePrefix: string; causationId: string },
): Promise<void> {
  const store = SqliteEventStore.open(join(dataDir, 'ledger.db'));
  const metadata = () => ({
    actor: { userId: 'accountant-1', roles: ['accountant'] }, correlationId: randomUUID(), causationId: options.causationId,
    recordedAt: new Date().toISOString(), schemaVersion: EVENT_SCHEMA_VERSIONS.DonationRecorded,
  });
  const opened = fundOpened();
  await store.append(Streams.fund(FUND_ID), [{ eventId: randomUUID(), type: opened.type, data: opened.data as unknown as JsonObject, metadata: metadata() }], 'no_stream');
  for (let first = 1; first <= donations; first += 1000) {
    const events: EventToAppend[] = [];
    for (let sequence = first; sequence < first + 1000; sequence += 1) {
      const donor = { name: `${options.namePrefix} ${sequence}`, kind: 'individual' as const, publicName: null, taxCode: null, address: null, contact: null };
      const event = donationRecorded({ sequence, amountVnd: String(options.amountBase + sequence), donor, reference: `${options.referencePrefix}${String(sequence).padStart(8, '0')}` });
      events.push({ eventId: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: metadata() });
    }
    await store.append(Streams.donations(FUND_ID, 2024), events, first === 1 ? 'no_stream' : first - 2);
  }
  await store.close();
}
