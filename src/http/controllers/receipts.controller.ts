import { PassThrough } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
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
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiDonationRoute, ApiReceiptPdfRoute, ApiReceiptsPdfRoute } from '../openapi/receipts.routes';
import { pdfReply, periodFileName, presentDonation, receiptPage, receiptsPdfStream, type ReceiptPrinter } from '../presenters/receipt.presenter';
import { entryParam, fundParam } from './params';
import { letterParam, periodFiscalYears, receiptPeriodParams } from './receipt-params';

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
  @ApiDonationRoute()
  async donation(@Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const donationId = entryParam('donationId', donationIdRaw);
    const standing = await this.donations.standing(fundId, donationId);
    if (standing === undefined) throw new NotFound('donation', donationId);
    return presentDonation(standing);
  }

  @Get('donations/:donationId/receipt.pdf')
  @Roles('accountant', 'auditor')
  @ApiReceiptPdfRoute()
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
  @ApiReceiptsPdfRoute()
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
