import { assertNever } from '../shared/decision';
import type { ReceiptEvent } from './receipts.events';

/** Which donations of one fund and fiscal year have had their receipt printed, and when first. */
export interface ReceiptStreamState {
  issuedAt: Map<string, string>;
}

export const initialReceiptStreamState = (): ReceiptStreamState => ({ issuedAt: new Map() });

export function evolveReceiptStream(state: ReceiptStreamState, event: ReceiptEvent): ReceiptStreamState {
  switch (event.type) {
    case 'ReceiptIssued':
      if (!state.issuedAt.has(event.data.donationId)) state.issuedAt.set(event.data.donationId, event.data.issuedAt);
      return state;
    default:
      return assertNever(event.type, 'receipt event');
  }
}
