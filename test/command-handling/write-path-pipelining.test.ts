/**
 * Commands pipelined on one stream (decided on an append still on its way) while another process
 * appends to it: on a real SQLite log in a temporary folder, a second connection to the same file
 * standing for the other process (`ledger import` beside the server, a second server).
 */
import { randomUUID } from 'node:crypto';
import { envelope } from '../../src/command-handling/command-metadata';
import { RecordDonationCommand, RecordDonationHandler } from '../../src/command-handling/handlers/donation.handlers';
import { ExecuteSpendingCommand, SpendingCommandHandler } from '../../src/command-handling/handlers/spending.handlers';
import { LedgerWriter } from '../../src/command-handling/ledger-write.providers';
import type { RecordDonation } from '../../src/domain/donation/donation.commands';
import { Streams } from '../../src/domain/streams';
import { disbursementApproved, disbursementId, FUND_ID, recordDonation, rejectDisbursement, requestDisbursement } from '../domain/builders';
import { importMeta as meta, openedFundLogPerTest } from './support/opened-fund-log';

const { openStore } = openedFundLogPerTest('ctd-write-path-pipelining-');
const SPENDING = Streams.spending(FUND_ID);

describe('a command pipelined on an append that fails', () => {
  it('is never written on top of what another process appended meanwhile: money freed by a refused decision is not spent', async () => {
    const otherProcess = openStore();
    const server = new LedgerWriter(openStore());
    const spend = (command: ConstructorParameters<typeof ExecuteSpendingCommand>[1]) =>
      new SpendingCommandHandler(server).execute(new ExecuteSpendingCommand(FUND_ID, command, meta));
    await new RecordDonationHandler(server).execute(new RecordDonationCommand(recordDonation({ amount: '1000000' }) as RecordDonation, meta));
    await spend(requestDisbursement({ amount: '1000000' }));
    const DB1 = disbursementId(1);

    // The other process approves DB-000001. Its append is queued first, so its commit (at the end
    // of this turn of the event loop) comes before the server's; the server decides before either.
    const approved = otherProcess.append(SPENDING, [envelope(disbursementApproved(1), meta, 0, randomUUID)], 0);
    // The server, not knowing, rejects DB-000001 and spends the money the rejection would free.
    const outcomes = await Promise.allSettled([spend(rejectDisbursement(DB1)), spend(requestDisbursement({ amount: '1000000' }))]);
    await approved;

    const events = await otherProcess.readStream(SPENDING);
    expect(events.map((event) => event.type)).toContain('DisbursementRejected');
    // Read in log order, the fund never holds more than the million it received.
    const amounts = new Map<string, bigint>();
    let held = 0n;
    const overHeld: string[] = [];
    for (const event of events) {
      const id = String(event.data.disbursementId);
      if (event.type === 'DisbursementRequested') amounts.set(id, BigInt(String(event.data.amount)));
      if (event.type === 'DisbursementRequested') held += amounts.get(id) ?? 0n;
      if (event.type === 'DisbursementRejected') held -= amounts.get(id) ?? 0n;
      if (held > 1_000_000n) overHeld.push(`${held} VND held after ${event.type} ${id}`);
    }
    expect(overHeld).toEqual([]);
    expect(outcomes[0].status).toBe('fulfilled');
  });
});
