import { assertNever } from '../shared/decision';
import type { DonationEvent } from './donation.events';

/**
 * A donation stream holds one fund's donations of one fiscal year. Deciding the next donation
 * needs only how many are recorded: receipt numbers run on without gaps.
 */
export interface DonationStreamState {
  recorded: number;
  /**
   * By the sha256 of a statement file, the bank account its rows of this year were first booked
   * under (null: none): a file imported again identifies its rows by the same account, whatever
   * the import names, so no row is booked twice. One entry per file, replaced (never changed in
   * place) when a file is first seen, so a shallow copy of the state is a copy.
   */
  fileAccounts: ReadonlyMap<string, string | null>;
}

export const initialDonationStreamState = (): DonationStreamState => ({ recorded: 0, fileAccounts: new Map() });

export function evolveDonationStream(state: DonationStreamState, event: DonationEvent): DonationStreamState {
  switch (event.type) {
    case 'DonationRecorded':
      state.recorded += 1;
      if (event.data.source && !state.fileAccounts.has(event.data.source.fileSha256)) {
        state.fileAccounts = new Map(state.fileAccounts).set(event.data.source.fileSha256, event.data.source.bankAccount);
      }
      return state;
    default:
      return assertNever(event.type, 'donation event');
  }
}
