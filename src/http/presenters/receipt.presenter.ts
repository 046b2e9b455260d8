import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ReceiptPrint } from '../../command-handling/handlers/receipt-printing.handler';
import type { LedgerConfig } from '../../config/ledger-config';
import type { OpenFundState } from '../../domain/fund/fund.state';
import type { LedgerSigningKey } from '../../proofs/ledger-signing-key';
import type { Donation, DonationStanding } from '../../read-side/donation-reads';
import { writeReceiptsPdf, type ReceiptPage } from '../../reports/receipt-pdf';

/** What every receipt names of the ledger that printed it: where the public reaches it, and the key that signs its checkpoints. */
export interface ReceiptPrinter {
  config: Pick<LedgerConfig, 'publicUrl' | 'port'>;
  signingKey: Pick<LedgerSigningKey, 'keyId' | 'publicKeyRaw'>;
}

/**
 * One donation as staff read it: as recorded, with its log position, when its receipt was first
 * printed and whether a reversal took it back, as the register's row says; a foreign-currency
 * cash gift also with the VND the bank paid once its currency is sold (R17).
 */
export function presentDonation({ donation, position, receiptIssuedAt, reversal, fxSettlement }: DonationStanding) {
  // The statement row a donation came from stays in the log and the journal; this answer is the donation itself.
  const { source: _statementRow, ...recorded } = donation;
  const answer = { ...recorded, position, receiptIssuedAt, reversed: reversal !== null, reversal };
  if (donation.currency === 'VND' || !donation.cash) return answer;
  const sold = fxSettlement;
  return {
    ...answer,
    fxSettlement: sold ? { settlementId: sold.settlementId, settledVnd: sold.settledVnd, difference: sold.difference, settledAt: sold.settledAt, reference: sold.reference } : null,
  };
}

/** A receipt's page: the donation, the fund and campaign it went to, its print, and the gift's public page with the key to check it. */
export function receiptPage(printer: ReceiptPrinter, fund: OpenFundState, donation: Donation, { issuedAt, mark }: ReceiptPrint): ReceiptPage {
  const campaign = donation.campaignId === null ? undefined : fund.campaigns[donation.campaignId];
  return {
    donation,
    chapter: fund.chapter ?? 'Hội Chữ thập đỏ',
    fundName: fund.name,
    campaignName: campaign?.name ?? null,
    issuedAt,
    mark,
    publicUrl: `${publicBaseUrl(printer.config)}/cong-khai/${fund.fundId}?khoan=${encodeURIComponent(donation.donationId)}`,
    keyId: printer.signingKey.keyId,
    publicKey: printer.signingKey.publicKeyRaw.toString('base64'),
  };
}

/** LEDGER_PUBLIC_URL names where the public reaches the ledger; never the request's Host header, which the caller chooses. */
function publicBaseUrl(config: ReceiptPrinter['config']): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** The file name of a period's receipts: the period as asked, with anything but letters, digits, dots and dashes replaced. */
export function periodFileName(from: unknown, to: unknown): string {
  return `bien-nhan-${String(from)}-${String(to)}.pdf`.replace(/[^A-Za-z0-9.-]/g, '_');
}

/**
 * A period's receipts in one PDF, drawn as it goes out: every receipt is issued (or found issued)
 * before the first byte, and a month of an appeal is never one buffer in memory.
 */
export function receiptsPdfStream(pages: ReceiptPage[]): PassThrough {
  const body = new PassThrough();
  writeReceiptsPdf(pages, body, 'Biên nhận ủng hộ trong kỳ').catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  return body;
}

/** A PDF shown in the browser under its file name, never kept in a cache. */
export function pdfReply<Body extends Buffer | PassThrough>(reply: FastifyReply, fileName: string, pdf: Body): Body {
  void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'no-store');
  return pdf;
}
