import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { DeliveryReceiptDto, TransferNoteDto } from '../dto/transfer-note.dto';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiIdempotencyKeyHeader, ApiMinPositionQuery } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { TransferAnswerResponse, TransferAssignAnswerResponse, TransferDeliveredAnswerResponse, TransferListResponse, TransferNoteImportAnswerResponse } from './spending.responses';

/*
 * The OpenAPI description of each route of TransfersController (v1/funds/:fundId/transfers; the
 * controller describes `fundId`). applyDecorators applies its decorators first to last, the
 * reverse of a stack of decorators over a method, and the document lists a route's parameters
 * in the order they were applied: so the parameters are written here in the document's order.
 */

const ApiTransferIdParam = () =>
  ApiParam({ name: 'transferId', description: 'The transfer id its request answered (TR-<sending fund>-<sequence>)', example: 'TR-ctd-xa-an-phu-000001' });

/** GET /v1/funds/:fundId/transfers */
export const ApiListTransfersRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Transfers this fund sent and those sent to it (in transit or done), with the days each spent in transit; and the fund\'s restriction releases (R5)' }),
    ApiMinPositionQuery('the transfers'),
    ApiAnswer(200, TransferListResponse, 'The transfers'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** GET /v1/funds/:fundId/transfers/:transferId/note */
export const ApiTransferNoteRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The signed transfer note of a transfer to a fund of a ledger elsewhere, once it is in transit: JSON signed with Ed25519 by the ledger\'s key '
        + '(the one `GET /v1/public/keys` publishes, named by `keyId`) over the canonical JSON (RFC 8785) of every member but `signature`. '
        + 'The receiving ledger imports it with `POST /v1/funds/{fundId}/transfers/import-note`',
    }),
    ApiTransferIdParam(),
    ApiAnswer(200, TransferNoteDto, 'The signed note; the same transfer always gives the same note'),
    ApiErrors(...ROUTE_ERRORS.transferNote),
  );

/** POST /v1/funds/:fundId/transfers/import-note */
export const ApiImportTransferNoteRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Book a signed transfer note of a ledger elsewhere into this fund (the note as the body, as its ledger gave it): once, with its restriction or campaign purpose. '
        + 'Its keyId must be a key this fund trusts and its signature must verify (else 422 INVALID_SIGNATURE, details.reason UNTRUSTED_KEY or BAD_SIGNATURE); '
        + 'it must be addressed to this fund (else 422 NOTE_MISADDRESSED); a note booked before is 409 ALREADY_EXISTS naming the earlier booking',
    }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, TransferNoteImportAnswerResponse, 'The money is in this fund'),
    ApiErrors(...ROUTE_ERRORS.importTransferNote),
  );

/** GET /v1/funds/:fundId/transfers/incoming/:transferId/receipt */
export const ApiDeliveryReceiptRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The signed delivery receipt of a transfer note this fund booked: JSON signed with Ed25519 by this ledger\'s key (the one `GET /v1/public/keys` publishes, named by `keyId`) '
        + 'over the canonical JSON (RFC 8785) of every member but `signature`. The sending ledger records it with `POST /v1/funds/{fundId}/transfers/{transferId}/delivered`',
    }),
    ApiQuery({ name: 'fromLedger', required: false, description: 'The sending ledger\'s name, when two ledgers sent this fund notes with the same transferId', example: 'ctd-xa-an-phu.example.vn/ledger' }),
    ApiParam({ name: 'transferId', description: 'The transfer id as the sending ledger numbers it (the note\'s transferId)', example: 'TR-ctd-xa-an-phu-000001' }),
    ApiAnswer(200, DeliveryReceiptDto, 'The signed receipt; the same booking always gives the same receipt'),
    ApiErrors(...ROUTE_ERRORS.deliveryReceipt),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/delivered */
export const ApiTransferDeliveredRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Record the receiving ledger\'s signed delivery receipt of a transfer to a ledger elsewhere (the receipt as the body, as that ledger gave it): once; '
        + 'the money leaves inTransitOut and counts as transferred out. Its keyId must be a key this fund trusts and its signature must verify (else 422 INVALID_SIGNATURE); '
        + 'it must name this transfer, this ledger and fund, the receiving fund and the amount (else 422 RECEIPT_MISMATCH); a second receipt is 409 ALREADY_EXISTS naming the first',
    }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferDeliveredAnswerResponse, 'The transfer is delivered'),
    ApiErrors(...ROUTE_ERRORS.transferDelivered),
  );

/** POST /v1/funds/:fundId/transfers */
export const ApiRequestTransferRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Send money to another fund: held from this moment, in transit once the policy\'s approvers agree (at once when it needs none); '
        + 'the restriction or campaign purpose travels with it. Sent for a campaign without a pool of its own (its money is its component\'s unrestricted pool), '
        + 'it is at most what the campaign holds of its own at the close of its business date and of every day after; else 422 INSUFFICIENT_FUNDS with details.campaignId',
    }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, TransferAnswerResponse, 'The transfer is recorded and its amount held'),
    ApiErrors(...ROUTE_ERRORS.requestTransfer),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/approve */
export const ApiApproveTransferRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Approve a transfer the sending fund requested (as a disbursement: distinct approvers, never the requester)' }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferAnswerResponse, 'The approval is recorded; status becomes in_transit once enough distinct approvers agreed'),
    ApiErrors(...ROUTE_ERRORS.approveTransfer),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/reject */
export const ApiRejectTransferRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Reject a requested transfer; the held amount becomes available again' }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferAnswerResponse, 'The transfer is rejected'),
    ApiErrors(...ROUTE_ERRORS.rejectTransfer),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/receive */
export const ApiReceiveTransferRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The receiving fund (the path\'s fund) takes in a transfer in transit, into the same component: restricted money as a pool named by the transfer, '
        + 'unrestricted money as the component\'s, or for one of this fund\'s campaigns (campaignId: its pool, when it has one); an unknown campaign is 404, '
        + 'and a campaign that does not receive on the date of receipt is refused as a donation would be (CAMPAIGN_NOT_OPEN, CAMPAIGN_CLOSED)' }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferAnswerResponse, 'The money is in the receiving fund'),
    ApiErrors(...ROUTE_ERRORS.receiveTransfer),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/assign-campaign */
export const ApiAssignTransferRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The receiving fund (the path\'s fund) assigns money it received for no campaign to one of its own campaigns, as the receipt would have taken it in: '
        + 'into the campaign\'s pool, or its component\'s money as the campaign\'s for a campaign without one. The receipt stays as it was written; once per transfer. '
        + 'Money booked from a transfer note is named by its transfer id and `fromLedger`',
    }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferAssignAnswerResponse, 'The money is the campaign\'s'),
    ApiErrors(...ROUTE_ERRORS.assignTransfer),
  );

/** POST /v1/funds/:fundId/transfers/:transferId/return */
export const ApiReturnTransferRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The receiving fund (the path\'s fund) sends a transfer in transit back; the sender has it available again' }),
    ApiTransferIdParam(),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(200, TransferAnswerResponse, 'The transfer is returned to its sender'),
    ApiErrors(...ROUTE_ERRORS.arriveTransfer),
  );
