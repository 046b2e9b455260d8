/** Sequential, per fund: the n-th disbursement is DB-000n, so vouchers number without gaps. */
export const disbursementIdOf = (sequence: number) => `DB-${String(sequence).padStart(6, '0')}`;
export const releaseIdOf = (sequence: number) => `ER-${String(sequence).padStart(6, '0')}`;
export const reversalIdOf = (sequence: number) => `RV-${String(sequence).padStart(6, '0')}`;

/**
 * Transfers are numbered per sending fund and name it, `TR-<fundId>-00000n`, so the receiving
 * chapter's accountant finds the sender's stream from the id alone.
 */
export const transferIdOf = (fundId: string, sequence: number) => `TR-${fundId}-${String(sequence).padStart(6, '0')}`;

export function senderOfTransfer(transferId: string): string | null {
  const match = /^TR-([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)-(\d{6,})$/.exec(transferId);
  return match ? match[1] : null;
}

export const restrictionReleaseIdOf = (sequence: number) => `RR-${String(sequence).padStart(6, '0')}`;
export const fxSettlementIdOf = (sequence: number) => `FX-${String(sequence).padStart(6, '0')}`;
export const reallocationIdOf = (sequence: number) => `SR-${String(sequence).padStart(6, '0')}`;

export const transferAssignmentIdOf = (sequence: number) => `TA-${String(sequence).padStart(6, '0')}`;
export const suspenseAssignmentIdOf = (sequence: number) => `SA-${String(sequence).padStart(6, '0')}`;
export const classificationIdOf = (sequence: number) => `CL-${String(sequence).padStart(6, '0')}`;

export type EntryKind = 'donation' | 'disbursement' | 'emergency' | 'transfer' | 'fee' | 'interest' | 'assignment' | 'surplus' | 'fx-settlement' | 'unknown';

export function entryKindOf(entryId: string): EntryKind {
  if (entryId.startsWith('DN-')) return 'donation';
  if (entryId.startsWith('DB-')) return 'disbursement';
  if (entryId.startsWith('ER-')) return 'emergency';
  if (entryId.startsWith('TR-')) return 'transfer';
  if (entryId.startsWith('BF-')) return 'fee';
  if (entryId.startsWith('IN-')) return 'interest';
  if (entryId.startsWith('TA-')) return 'assignment';
  if (entryId.startsWith('SR-')) return 'surplus';
  if (entryId.startsWith('FX-')) return 'fx-settlement';
  return 'unknown';
}
