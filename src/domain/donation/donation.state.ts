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
   * the import names, so no row is booked twice. One entry per file.
   */
  fileAccounts: Map<string, string | null>;
  /**
   * The bank transfers recorded by hand (no statement row), by handTransferKey of their reference
   * and amount: the donation id. A statement line of the same transfer is not booked again.
   */
  byHand: Map<string, string>;
}

export const initialDonationStreamState = (): DonationStreamState => ({ recorded: 0, fileAccounts: new Map(), byHand: new Map() });

/**
 * A bank transfer as a statement line and a hand-typed record both name it: the bank's reference
 * (letters and digits, any case) and the VND amount. A bank gives each transfer its own
 * reference, so the two together are one transfer.
 */
export function handTransferKey(reference: string, amountVnd: string): string | undefined {
  const letters = reference.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return letters.length < 6 ? undefined : `${letters}|${amountVnd}`;
}

export function evolveDonationStream(state: DonationStreamState, event: DonationEvent): DonationStreamState {
  switch (event.type) {
    case 'DonationRecorded':
      state.recorded += 1;
      // In place, as the count: copying a map for each event made a year of n transfers typed by
      // hand cost n² to fold (a million donations never finished loading).
      if (event.data.source && !state.fileAccounts.has(event.data.source.fileSha256)) {
        state.fileAccounts.set(event.data.source.fileSha256, event.data.source.bankAccount);
      }
      if (!event.data.source && event.data.channel === 'bank_transfer' && event.data.cash && event.data.reference !== null) {
        const key = handTransferKey(event.data.reference, event.data.amountVnd);
        if (key !== undefined && !state.byHand.has(key)) state.byHand.set(key, event.data.donationId);
      }
      return state;
    default:
      return assertNever(event.type, 'donation event');
  }
}
