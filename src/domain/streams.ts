/**
 * Stream names. Every ledger stream starts with `ctd.` so a store shared with other systems can
 * be filtered on the prefix. Money coming in and money going out live in separate streams: a
 * flood of donations never conflicts with a disbursement (see README, "Streams and concurrency").
 */
export const LEDGER_STREAM_PREFIX = 'ctd.';

export const Streams = {
  users: () => 'ctd.users',
  fund: (fundId: string) => `ctd.fund.${fundId}`,
  /** One stream per fund and fiscal year: its revision + 1 is the receipt number, so no gaps. */
  donations: (fundId: string, fiscalYear: number) => `ctd.donations.${fundId}.${fiscalYear}`,
  /** Every movement that can take money out of a fund, serialised so nothing is spent twice. */
  spending: (fundId: string) => `ctd.spending.${fundId}`,
  /** Which receipts of a fund's fiscal year were printed: kept apart so receipt numbers stay gapless. */
  receipts: (fundId: string, fiscalYear: number) => `ctd.receipts.${fundId}.${fiscalYear}`,
  /** A fund's beneficiary registry and the commune lists it imported (no id number in clear). */
  beneficiaries: (fundId: string) => `ctd.beneficiaries.${fundId}`,
  /** Which bank statements a fund has read (by file sha256), and their lines left to classify. */
  statements: (fundId: string) => `ctd.statements.${fundId}`,
} as const;

export type StreamKind = 'users' | 'fund' | 'donations' | 'spending' | 'receipts' | 'beneficiaries' | 'statements';

export function streamKindOf(streamId: string): StreamKind | undefined {
  const kind = streamId.split('.')[1];
  return kind === 'users' || kind === 'fund' || kind === 'donations' || kind === 'spending' || kind === 'receipts' || kind === 'beneficiaries'
    || kind === 'statements' ? kind : undefined;
}

/** Identifiers chosen by people (fund, campaign, component): lowercase slugs. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
