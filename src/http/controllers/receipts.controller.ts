import { PassThrough } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { PrintReceiptsCommand } from '../../command-handling/handlers/receipt-printing.handler';
import type { LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import type { OpenFundState } from '../../domain/fund/fund.state';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { DonationReads, type Donation } from '../../read-side/donation-reads';
import { receiptsPdf, thankYouLetterPdf, type ReceiptPage } from '../../reports/receipt-pdf';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { DonationWasReversed, NotFound } from '../errors';
import { orFundNotFound } from '../open-fund';
import { ApiAnswer, ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiEnumQuery, ApiFundIdParam } from '../openapi/parameters';
import { DonationResponse } from '../openapi/receipts.responses';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { pdfReply, periodFileName, presentDonation, receiptPage, receiptsPdfStream, type ReceiptPrinter } from '../presenters/receipt.presenter';
import { entryParam, fundParam } from './params';
import { letterParam, periodFiscalYears, receiptPeriodParams } from './receipt-params';

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
  private readonly printer: ReceiptPrinter;

  constructor(
    @Inject(DonationReads) private readonly donations: DonationReads,
    private readonly commandBus: CommandBus,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    @Inject(LEDGER_SIGNING_KEY) signingKey: LedgerSigningKey,
  ) {
    this.printer = { config, signingKey };
  }

  @Get('donations/:donationId')
  @Roles('any')
  @ApiOperation({ summary: 'One donation as recorded, with its log position and when its receipt was first printed (null if never)' })
  @ApiParam(DONATION_ID_PARAM)
  @ApiAnswer(200, DonationResponse, 'The donation as recorded, its log position and when its receipt was first printed')
  @ApiErrors(...ROUTE_ERRORS.readDonation)
  async donation(@Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const donationId = entryParam('donationId', donationIdRaw);
    const standing = await this.donations.standing(fundId, donationId);
    if (standing === undefined) throw new NotFound('donation', donationId);
    return presentDonation(standing);
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
    const donationId = entryParam('donationId', donationIdRaw);
    const donation = (await this.donations.recorded(fundId, donationId))?.donation;
    if (donation === undefined) throw new NotFound('donation', donationId);
    const fund = orFundNotFound(await this.donations.fund(fundId), fundId);
    if (letter) {
      // A letter thanks for money the fund keeps: none for a gift a reversal took back.
      const reversal = await this.donations.reversalOf(fundId, donation.donationId);
      if (reversal !== undefined) throw new DonationWasReversed(donation.donationId, reversal.reversalId);
      const page = receiptPage(this.printer, fund, donation, { issuedAt: await this.donations.receiptIssuedAt(fundId, donation), mark: 'original' });
      return pdfReply(reply, `thu-cam-on-${donation.receiptNo}.pdf`, await thankYouLetterPdf(page));
    }
    const [page] = await this.print(fund, donation.fiscalYear, [donation], meta);
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
    const { fromMs, toMs } = receiptPeriodParams(query);
    const fund = orFundNotFound(await this.donations.fund(fundId), fundId);
    const pages: ReceiptPage[] = [];
    for (const year of periodFiscalYears(fromMs, toMs)) {
      const donations = await this.donations.receivedIn(fundId, year, fromMs, toMs);
      // One by one: spreading a year's tens of thousands of pages into push() overflows the call stack.
      if (donations.length > 0) for (const page of await this.print(fund, year, donations, meta)) pages.push(page);
    }
    return pdfReply(reply, periodFileName(query.from, query.to), receiptsPdfStream(pages));
  }

  /** Prints the receipts of donations of one fiscal year: an accountant's print issues those never printed, an auditor's records nothing. */
  private async print(fund: OpenFundState, fiscalYear: number, donations: Donation[], meta: CommandMetadata): Promise<ReceiptPage[]> {
    const issues = meta.actor.roles.includes('accountant');
    const prints = await this.commandBus.execute(new PrintReceiptsCommand({ fundId: fund.fundId, fiscalYear, donations, issues }, meta));
    return donations.map((donation, index) => receiptPage(this.printer, fund, donation, prints[index]));
  }
}
