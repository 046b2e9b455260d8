/** Sequential, per fund: the n-th disbursement is DB-000n, so vouchers number without gaps. */
export const disbursementIdOf = (sequence: number) => `DB-${String(sequence).padStart(6, '0')}`;
export const releaseIdOf = (sequence: number) => `ER-${String(sequence).padStart(6, '0')}`;
export const reversalIdOf = (sequence: number) => `RV-${String(sequence).padStart(6, '0')}`;

export type EntryKind = 'donation' | 'disbursement' | 'emergency' | 'unknown';

export function entryKindOf(entryId: string): EntryKind {
  if (entryId.startsWith('DN-')) return 'donation';
  if (entryId.startsWith('DB-')) return 'disbursement';
  if (entryId.startsWith('ER-')) return 'emergency';
  return 'unknown';
}
