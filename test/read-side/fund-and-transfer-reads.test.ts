/**
 * The read side's fund, balance and transfer reads, on a real SQLite log: given the events a
 * fund's streams hold, when a read asks, then it answers what the log holds, at the positions the
 * log gave them, and follows events appended after an earlier read.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_SCHEMA_VERSIONS, type LedgerEvent } from '../../src/domain/ledger-events';
import type { TransferNoteImported, TransferRequested } from '../../src/domain/spending/spending.events';
import type { TransferNote } from '../../src/domain/spending/transfer-note';
import { Streams } from '../../src/domain/streams';
import type { JsonObject } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { ProjectionsService } from '../../src/projection-runner/projections.service';
import { BalanceLookBack } from '../../src/read-side/balance-look-back';
import { BeneficiaryQueries } from '../../src/read-side/beneficiary-queries';
import { FoldedStreams } from '../../src/read-side/folded-streams';
import { LogPositions } from '../../src/read-side/log-positions';
import { fundPolicyHistory, openFund } from '../../src/read-side/fund-reads';
import type { ReadModels } from '../../src/read-side/read-models';
import { TransferReads } from '../../src/read-side/transfer-reads';
import { ACCOUNTANT, donationRecorded, FUND_ID, fundOpened, policyChanged } from '../domain/builders';

const TR1 = `TR-${FUND_ID}-000001`;
const TR2 = `TR-${FUND_ID}-000002`;
const ELSEWHERE = 'ctd-tinh-xa.example.vn/ledger';

function transferRequested(transferId: string, amount: string): TransferRequested {
  return {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId, toFundId: 'ctd-tinh-xa', external: true, amount, component: 'general', campaignId: null,
      restrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển tiền ủng hộ lên Hội cấp tỉnh', note: null,
      approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: '2024-05-10T09:00:00+07:00',
    },
  };
}

function noteImported(transferId: string, fromLedger: string, amount: string): TransferNoteImported {
  return {
    type: 'TransferNoteImported',
    data: {
      fundId: FUND_ID, transferId, fromLedger, fromFundId: 'ctd-xa-an-phu', fromChapter: 'Hội Chữ thập đỏ xã An Phú', keyId: 'a1b2c3d4', amount,
      component: 'general', campaignId: null, receivedRestrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null,
      purpose: 'Ủng hộ đồng bào vùng lũ', note: {} as TransferNote, importedBy: ACCOUNTANT, importedAt: '2024-05-20T10:00:00+07:00',
    },
  };
}

describe('the read side reads a fund, its balances and its transfers from the log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctd-fund-reads-'));
  const store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const streams = new FoldedStreams(store);
  // No read here touches the balance projection as it runs or the read models' file.
  const projections = {} as ProjectionsService;
  const balances = new BalanceLookBack(projections, store);
  const positions = new LogPositions(store);
  const transfers = new TransferReads(projections, store, new BeneficiaryQueries(streams, {} as ReadModels));

  /** Appends `event` to `streamId`, recorded at `recordedAt`; its log position. */
  async function given(streamId: string, event: LedgerEvent, recordedAt = '2024-06-01T00:00:00.000Z'): Promise<number> {
    const result = await store.append(streamId, [{
      eventId: randomUUID(), type: event.type, data: event.data as unknown as JsonObject,
      metadata: {
        actor: { userId: ACCOUNTANT, roles: ['accountant'] }, correlationId: randomUUID(), causationId: 'fund-and-transfer-reads',
        recordedAt, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      },
    }], 'any');
    return result.lastPosition;
  }

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads no fund, no history and no opening before the fund is opened', async () => {
    expect(await openFund(streams, FUND_ID)).toBeUndefined();
    expect(await fundPolicyHistory(streams, FUND_ID)).toBeUndefined();
    expect(await balances.fundOpenedBy(FUND_ID, 1_000)).toBe(false);
  });

  it('states the position of each policy version and of the fund stream\'s last event, and follows a change appended later', async () => {
    const openedAt = await given(Streams.fund(FUND_ID), fundOpened(), '2024-01-02T01:00:00.000Z');
    await given(Streams.donations(FUND_ID, 2024), donationRecorded({ sequence: 1, amountVnd: '1000000' }), '2024-05-10T07:00:00.000Z');
    const first = await fundPolicyHistory(streams, FUND_ID);
    expect({ versions: first?.fund.policyVersions.length, positions: first?.versionPositions, position: first?.position })
      .toEqual({ versions: 1, positions: [openedAt], position: openedAt });

    const changedAt = await given(Streams.fund(FUND_ID), policyChanged({ managementCostCapPercent: '4' }, '2024-07-01T09:00:00+07:00'), '2024-07-01T02:00:00.000Z');
    const later = await fundPolicyHistory(streams, FUND_ID);
    expect({ versions: later?.fund.policyVersions.map((version) => version.version), positions: later?.versionPositions, position: later?.position })
      .toEqual({ versions: [1, 2], positions: [openedAt, changedAt], position: changedAt });
    expect((await openFund(streams, FUND_ID))?.policyVersions).toHaveLength(2);
  });

  it('says whether the fund was opened by a position, and turns the recording clock into a position', async () => {
    const [opening] = await store.readStream(Streams.fund(FUND_ID), { maxCount: 1 });
    expect(await balances.fundOpenedBy(FUND_ID, opening.position - 1)).toBe(false);
    expect(await balances.fundOpenedBy(FUND_ID, opening.position)).toBe(true);

    // The donation was recorded on 2024-05-10 (UTC), the policy change on 2024-07-01.
    const donationPosition = opening.position + 1;
    expect(await positions.positionOf({ recordedBefore: '2024-06-01T00:00:00.000Z' })).toBe(donationPosition);
    expect(await positions.positionOf({ recordedBefore: '2024-06-01T00:00:00.000Z', atPosition: opening.position })).toBe(opening.position);
    expect(await positions.positionOf({ recordedBefore: '2023-01-01T00:00:00.000Z' })).toBe(0);
    expect(await positions.positionOf({ atPosition: 2 })).toBe(2);
    expect(await positions.positionOf({})).toBeUndefined();
  });

  it('replays the balances up to a bound, and states the position it stopped at', async () => {
    const [opening] = await store.readStream(Streams.fund(FUND_ID), { maxCount: 1 });
    const beforeDonation = await balances.at({ atPosition: opening.position });
    expect({ received: beforeDonation.state.funds[FUND_ID]?.received, position: beforeDonation.position }).toEqual({ received: '0', position: opening.position });

    const afterDonation = await balances.at({ recordedBefore: '2024-06-01T00:00:00.000Z' });
    expect({ received: afterDonation.state.funds[FUND_ID]?.received, position: afterDonation.position }).toEqual({ received: '1000000', position: opening.position + 1 });

    // By business date: the donation of 2024-05-10 is not yet in on 2024-05-09.
    const byDate = await balances.at({ asOf: '2024-05-09T16:59:59.999Z' });
    expect(byDate.state.funds[FUND_ID]?.received ?? '0').toBe('0');
  });

  it('reads a sent transfer, its request and a note\'s booking where the spending stream holds them', async () => {
    expect(await transfers.sent(FUND_ID, TR1)).toBeUndefined();
    expect(await transfers.request(FUND_ID, TR1)).toBeUndefined();

    const requestedAt = await given(Streams.spending(FUND_ID), transferRequested(TR1, '400000'));
    await given(Streams.spending(FUND_ID), transferRequested(TR2, '100000'));
    const bookedFirst = await given(Streams.spending(FUND_ID), noteImported(TR1, ELSEWHERE, '250000'));
    const bookedSecond = await given(Streams.spending(FUND_ID), noteImported(TR1, 'ctd-huyen-cu-chi.example.vn/ledger', '50000'));

    const sent = await transfers.sent(FUND_ID, TR1);
    expect({ status: sent?.status, external: sent?.external, toFundId: sent?.toFundId, amount: sent?.amount.toFixed() })
      .toEqual({ status: 'in_transit', external: true, toFundId: 'ctd-tinh-xa', amount: '400000' });
    const request = await transfers.request(FUND_ID, TR1);
    expect({ amount: request?.data.amount, position: request?.position }).toEqual({ amount: '400000', position: requestedAt });

    // The same transfer id from two ledgers: the first booking, unless the ledger is named.
    expect((await transfers.importedNote(FUND_ID, TR1, undefined))?.position).toBe(bookedFirst);
    expect((await transfers.importedNote(FUND_ID, TR1, 'ctd-huyen-cu-chi.example.vn/ledger'))?.position).toBe(bookedSecond);
    expect(await transfers.importedNote(FUND_ID, TR1, 'elsewhere.example.vn/ledger')).toBeUndefined();
    expect(await transfers.importedNote(FUND_ID, TR2, undefined)).toBeUndefined();
  });
});
