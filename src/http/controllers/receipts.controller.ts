import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { PassThrough } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { IssueReceiptsCommand } from '../../command-handling/handlers/receipts.handlers';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { ReceiptStreamModel, SpendingModel } from '../../command-handling/stream-models';
import type { LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import type { DonationRecorded } from '../../domain/donation/donation.events';
import { parseDonationId } from '../../domain/donation/donation.ids';
import type { FundState } from '../../domain/fund/fund.state';
import { fiscalYearOf } from '../../domain/shared/calendar';
import { Streams } from '../../domain/streams';
import type { StoredEvent } from '../../event-store/event-store.port';
import { decodeEvent } from '../../log-reading/decode-event';
import { ReadArgumentError, reportPeriod } from '../../reports/report-period';
import { receiptsPdf, thankYouLetterPdf, writeReceiptsPdf, type ReceiptPage } from '../../reports/receipt-pdf';
import { DonationWasReversed, NotFound, validationFailed } from '../errors';
import { ApiAnswer, ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiEnumQuery, ApiFundIdParam } from '../openapi/parameters';
import { DonationResponse } from '../openapi/receipts.responses';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { entryParam, fundParam } from './params';
import { openFundOr404 } from '../open-fund';

type Donation = DonationRecorded['data'];
type OpenFund = Extract<FundState, { status: 'open' }>;

/** A period file spans at most this many fiscal years, so one request cannot read the whole log. */
const MAX_PERIOD_YEARS = 2;

const PDF_ANSWER = {
  'application/pdf': { description: 'An A5 PDF in Vietnamese, Be Vietnam Pro embedded', example: '(binary PDF)' },
};
const DONATION_ID_PARAM = { name: 'donationId', description: 'The donation id its recording answered (DN-<fiscal year>-<sequence>)', example: 'DN-2024-000123' };

/**
 * Receipts (biên nhận, R21) and thank-you letters. The donation stream holds what was given; the
 * receipt stream of the same fund and fiscal year records each receipt's first print. An
 * accountant's first print records `ReceiptIssued`; every later print says "Bản sao". An auditor
 * reads without writing: a receipt never issued prints for the auditor marked as not issued.
 */
@ApiTags('receipts')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class ReceiptsController {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly commandBus: CommandBus,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(LEDGER_SIGNING_KEY) private readonly signingKey: LedgerSigningKey,
  ) {}

  @Get('donations/:donationId')
  @Roles('any')
  @ApiOperation({ summary: 'One donation as recorded, with its log position and when its receipt was first printed (null if never)' })
  @ApiParam(DONATION_ID_PARAM)
  @ApiAnswer(200, DonationResponse, 'The donation as recorded, its log position and when its receipt was first printed')
  @ApiErrors(...ROUTE_ERRORS.readDonation)
  async donation(@Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const { donation, position } = await this.readDonation(fundId, entryParam('donationId', donationIdRaw));
    const receipts = await this.writer.writePath.lookup(Streams.receipts(fundId, donation.fiscalYear), ReceiptStreamModel);
    const spending = await this.writer.writePath.lookup(Streams.spending(fundId), SpendingModel);
    // The statement row a donation came from stays in the log and the journal; this answer is the donation itself.
    const { source: _statementRow, ...recorded } = donation;
    // A gift a reversal took back says so, as the register's row does.
    const reversal = spending.reversedDonations.get(donation.donationId) ?? null;
    const answer = { ...recorded, position, receiptIssuedAt: receipts.issuedAt.get(donation.donationId) ?? null, reversed: reversal !== null, reversal };
    if (donation.currency === 'VND' || !donation.cash) return answer;
    // R17: the VND the bank paid is the donation's ledger amount once its currency is sold.
    const sold = spending.fxSettlements.get(donation.donationId);
    return {
      ...answer,
      fxSettlement: sold ? { settlementId: sold.settlementId, settledVnd: sold.settledVnd, difference: sold.difference, settledAt: sold.settledAt, reference: sold.reference } : null,
    };
  }

  @Get('donations/:donationId/receipt.pdf')
  @Roles('accountant', 'auditor')
  @ApiOperation({
    summary: 'The receipt (biên nhận) as an A5 PDF, or with letter=1 the thank-you letter (thư cảm ơn). An accountant\'s first print '
      + 'records ReceiptIssued; every later print is marked "Bản sao". An auditor\'s print records nothing. A donation a reversal took '
      + 'back gets no receipt (its print says the receipt is void) and no letter (422 ALREADY_REVERSED).',
  })
  @ApiParam(DONATION_ID_PARAM)
  @ApiEnumQuery('letter', ['0', '1'], '1 gives the thank-you letter (thư cảm ơn) instead of the receipt; printing it records nothing', '1')
  @ApiMediaAnswer(200, 'The receipt, or the thank-you letter', PDF_ANSWER)
  @ApiErrors(...ROUTE_ERRORS.printReceipts)
  async receipt(
    @Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string, @Query('letter') letterRaw: unknown,
    @Meta() meta: CommandMetadata, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const fundId = fundParam(fundIdRaw);
    const letter = letterParam(letterRaw);
    const { donation } = await this.readDonation(fundId, entryParam('donationId', donationIdRaw));
    const fund = await openFundOr404(this.writer, fundId);
    if (letter) {
      // A letter thanks for money the fund keeps: none for a gift a reversal took back.
      const reversalId = (await this.writer.writePath.lookup(Streams.spending(fundId), SpendingModel)).reversedDonations.get(donation.donationId)?.reversalId;
      if (reversalId !== undefined) throw new DonationWasReversed(donation.donationId, reversalId);
      const receipts = await this.writer.writePath.lookup(Streams.receipts(fundId, donation.fiscalYear), ReceiptStreamModel);
      const page = this.page(fund, donation, receipts.issuedAt.get(donation.donationId) ?? null, 'original');
      return pdfReply(reply, `thu-cam-on-${donation.receiptNo}.pdf`, await thankYouLetterPdf(page));
    }
    const [page] = await this.printPages(fund, donation.fiscalYear, [donation], meta);
    return pdfReply(reply, `bien-nhan-${donation.receiptNo}.pdf`, await receiptsPdf([page]));
  }

  @Get('receipts.pdf')
  @Roles('accountant', 'auditor')
  @ApiOperation({
    summary: 'Every receipt of donations received in the period, one A5 page each, in receipt-number order. Receipts never printed '
      + 'are issued by an accountant\'s print (ReceiptIssued); the others are marked "Bản sao".',
  })
  @ApiQuery({ name: 'from', required: true, type: String, description: 'YYYY-MM-DD (Vietnam day) or ISO 8601 with offset, inclusive', example: '2024-09-01' })
  @ApiQuery({ name: 'to', required: true, type: String, description: 'YYYY-MM-DD (the whole day, Vietnam time) or ISO 8601 with offset, inclusive; at most two fiscal years after from', example: '2024-09-30' })
  @ApiMediaAnswer(200, 'One A5 page per receipt; a single page saying so when the period has none', PDF_ANSWER)
  @ApiErrors(...ROUTE_ERRORS.printReceipts)
  async period(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Meta() meta: CommandMetadata, @Res({ passthrough: true }) reply: FastifyReply): Promise<PassThrough> {
    const fundId = fundParam(fundIdRaw);
    const { fromMs, toMs } = periodOf(query);
    const fund = await openFundOr404(this.writer, fundId);
    const firstYear = fiscalYearOf(new Date(fromMs).toISOString());
    const lastYear = fiscalYearOf(new Date(toMs).toISOString());
    if (lastYear - firstYear >= MAX_PERIOD_YEARS) throw validationFailed([{ field: 'to', reason: `must be within ${MAX_PERIOD_YEARS} fiscal years of from` }]);
    const pages: ReceiptPage[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      const stored = await this.writer.store.readStream(Streams.donations(fundId, year));
      const donations = stored.map(donationOf).filter((d): d is Donation => d !== undefined)
        .filter((d) => Date.parse(d.receivedAt) >= fromMs && Date.parse(d.receivedAt) <= toMs);
      // One by one: spreading a year's tens of thousands of pages into push() overflows the call stack.
      if (donations.length > 0) for (const page of await this.printPages(fund, year, donations, meta)) pages.push(page);
    }
    const name = `bien-nhan-${String(query.from)}-${String(query.to)}.pdf`.replace(/[^A-Za-z0-9.-]/g, '_');
    // Every receipt is issued (or found issued) above, before the first byte goes out; the pages
    // then go out as they are drawn, so a month of an appeal is never one buffer in memory.
    const body = new PassThrough();
    writeReceiptsPdf(pages, body, 'Biên nhận ủng hộ trong kỳ').catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
    return pdfReply(reply, name, body);
  }

  /**
   * Issues what was never printed (accountant only) and marks each page as first print or copy.
   * A donation a reversal took back is never issued; its page says the receipt is void.
   */
  private async printPages(fund: OpenFund, fiscalYear: number, donations: Donation[], meta: CommandMetadata): Promise<ReceiptPage[]> {
    const receipts = await this.writer.writePath.lookup(Streams.receipts(fund.fundId, fiscalYear), ReceiptStreamModel);
    const { reversedDonations } = await this.writer.writePath.lookup(Streams.spending(fund.fundId), SpendingModel);
    const issuedBefore = new Map(receipts.issuedAt);
    let issuedNow: Record<string, string> = {};
    const unissued = donations.some((d) => !issuedBefore.has(d.donationId) && !reversedDonations.has(d.donationId));
    // A print of receipts all issued before decides nothing: it does not go through the write path at all.
    if (unissued && meta.actor.roles.includes('accountant')) {
      const outcome = await this.commandBus.execute(new IssueReceiptsCommand({
        type: 'IssueReceipts', fundId: fund.fundId, fiscalYear, now: meta.now,
        donations: donations.map((d) => ({ donationId: d.donationId, receiptNo: d.receiptNo, reversedBy: reversedDonations.get(d.donationId)?.reversalId ?? null })),
      }, meta));
      issuedNow = outcome.result.issued;
    }
    const after = await this.writer.writePath.lookup(Streams.receipts(fund.fundId, fiscalYear), ReceiptStreamModel);
    return donations.map((d) => {
      const first = Object.prototype.hasOwnProperty.call(issuedNow, d.donationId);
      const issuedAt = after.issuedAt.get(d.donationId) ?? issuedBefore.get(d.donationId) ?? null;
      const mark = reversedDonations.has(d.donationId) ? 'reversed' : first ? 'original' : issuedAt === null ? 'not_issued' : 'copy';
      return this.page(fund, d, issuedAt, mark);
    });
  }

  private page(fund: OpenFund, donation: Donation, issuedAt: string | null, mark: ReceiptPage['mark']): ReceiptPage {
    const campaign = donation.campaignId === null ? undefined : fund.campaigns[donation.campaignId];
    return {
      donation,
      chapter: fund.chapter ?? 'Hội Chữ thập đỏ',
      fundName: fund.name,
      campaignName: campaign?.name ?? null,
      issuedAt,
      mark,
      publicUrl: `${this.publicBaseUrl()}/cong-khai/${fund.fundId}?khoan=${encodeURIComponent(donation.donationId)}`,
      keyId: this.signingKey.keyId,
      publicKey: this.signingKey.publicKeyRaw.toString('base64'),
    };
  }

  /** LEDGER_PUBLIC_URL names where the public reaches the ledger; never the request's Host header, which the caller chooses. */
  private publicBaseUrl(): string {
    return this.config.publicUrl ?? `http://localhost:${this.config.port}`;
  }


  private async readDonation(fundId: string, donationId: string): Promise<{ donation: Donation; position: number }> {
    const where = parseDonationId(donationId);
    const [event] = where ? await this.writer.store.readStream(Streams.donations(fundId, where.fiscalYear), { fromRevision: where.revision, maxCount: 1 }) : [];
    const donation = event === undefined ? undefined : donationOf(event);
    if (!event || !donation || donation.donationId !== donationId) throw new NotFound('donation', donationId);
    return { donation, position: event.position };
  }
}

/** The donation a stored event records, upcast to the current version of its type; undefined for any other event. */
function donationOf(stored: StoredEvent): Donation | undefined {
  if (stored.type !== 'DonationRecorded') return undefined;
  const event = decodeEvent(stored);
  return event.type === 'DonationRecorded' ? event.data : undefined;
}

function letterParam(raw: unknown): boolean {
  if (raw === undefined || raw === '0') return false;
  if (raw === '1') return true;
  throw validationFailed([{ field: 'letter', reason: 'must be 1 (the thank-you letter) or 0' }]);
}

function periodOf(query: Record<string, unknown>): { fromMs: number; toMs: number } {
  try {
    const { fromMs, toMs } = reportPeriod(query.from, query.to);
    if (fromMs === null) throw new ReadArgumentError('from', 'is required');
    if (toMs === null) throw new ReadArgumentError('to', 'is required');
    return { fromMs, toMs };
  } catch (error) {
    if (error instanceof ReadArgumentError) throw validationFailed([{ field: error.field, reason: error.reason }]);
    throw error;
  }
}

function pdfReply<Body extends Buffer | PassThrough>(reply: FastifyReply, fileName: string, pdf: Body): Body {
  void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`).header('cache-control', 'no-store');
  return pdf;
}
