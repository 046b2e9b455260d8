import { assertNever } from '../shared/decision';
import type { DonationEvent } from './donation.events';

/**
 * A donation stream holds one fund's donations of one fiscal year. Deciding the next donation
 * needs only how many are recorded: receipt numbers run on without gaps.
 */
export interface DonationStreamState {
  recorded: number;
}

export const initialDonationStreamState = (): DonationStreamState => ({ recorded: 0 });

export function evolveDonationStream(state: DonationStreamState, event: DonationEvent): DonationStreamState {
  switch (event.type) {
    case 'DonationRecorded':
      state.recorded += 1;
      return state;
    default:
      return assertNever(event.type, 'donation event');
  }
}
