/**
 * Donation ids and receipt numbers come from the fiscal year and the donation's sequence in
 * it, so an id alone tells where its event is stored: `DN-2024-000123` is revision 122 of the
 * fund's 2024 donation stream.
 */
export function receiptNumber(fiscalYear: number, sequence: number): string {
  return `${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}

export function donationIdOf(fiscalYear: number, sequence: number): string {
  return `DN-${receiptNumber(fiscalYear, sequence)}`;
}

const DONATION_ID = /^DN-(\d{4})-(\d{6,})$/;

export function parseDonationId(donationId: string): { fiscalYear: number; revision: number } | undefined {
  const match = DONATION_ID.exec(donationId);
  if (!match) return undefined;
  const sequence = Number(match[2]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return undefined;
  return { fiscalYear: Number(match[1]), revision: sequence - 1 };
}
