import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiFundIdParam, ApiMinPositionQuery } from './parameters';
import { CheckpointResponse, ConsistencyProofResponse, DonationProofResponse, InclusionProofResponse, PublicKeyResponse } from './proofs.responses';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of ProofsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/public/keys */
export const ApiPublicKeysRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The public keys that sign the ledger\'s checkpoints, transfer notes and delivery receipts (Ed25519, raw, base64)' }),
    ApiResponse({ status: 200, type: [PublicKeyResponse], description: 'The ledger\'s signing keys' }),
    ApiErrors(...ROUTE_ERRORS.publicKeys),
  );

/** GET /v1/public/checkpoint */
export const ApiCheckpointRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The latest signed checkpoint of the log (or the one signed at `treeSize`): a C2SP signed note (Ed25519) of the Merkle tree\'s size and root. '
        + 'A new one is signed when the log has grown and the latest is older than LEDGER_CHECKPOINT_INTERVAL, on every publication and on `ledger checkpoint`',
    }),
    ApiQuery({
      name: 'treeSize', required: false, type: Number, example: 4096,
      description: 'The checkpoint signed at this tree size instead of the latest (the size a publication\'s checkpoint names): 404 when none was signed at it',
    }),
    ApiAnswer(200, CheckpointResponse, 'The latest signed checkpoint, or the one signed at treeSize'),
    ApiErrors(...ROUTE_ERRORS.publicCheckpoint),
  );

/** GET /v1/public/proofs/inclusion */
export const ApiInclusionProofRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The RFC 9162 inclusion proof of the event at a log position in a signed tree (by default the latest checkpoint\'s)' }),
    ApiQuery({ name: 'treeSize', required: false, type: Number, description: 'The tree size, at most the latest checkpoint\'s; default that size', example: 4096 }),
    ApiQuery({ name: 'position', required: true, type: Number, description: 'The log position of the event', example: 42 }),
    ApiAnswer(200, InclusionProofResponse, 'The audit path of the event\'s leaf'),
    ApiErrors(...ROUTE_ERRORS.publicProofs),
  );

/** GET /v1/public/proofs/consistency */
export const ApiConsistencyProofRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The RFC 9162 consistency proof that the tree of size `from` is a prefix of the tree of size `to`: the log only grew between them' }),
    ApiQuery({ name: 'to', required: false, type: Number, description: 'The newer tree size, at most the latest checkpoint\'s; default that size', example: 4096 }),
    ApiQuery({ name: 'from', required: true, type: Number, description: 'The older tree size', example: 1024 }),
    ApiAnswer(200, ConsistencyProofResponse, 'The consistency proof'),
    ApiErrors(...ROUTE_ERRORS.publicProofs),
  );

/** GET /v1/public/funds/:fundId/donations/:donationId/proof */
export const ApiDonationProofRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Proof that a donation is in the signed log: its public entry, its event\'s hash, the inclusion proof and the latest checkpoint. '
        + 'Check it with the key of /v1/public/keys, in the browser or offline. A donation the fund took back (hidden from the search) '
        + 'is still proven, and `reversal` names the reversal and its log position, whose inclusion /v1/public/proofs/inclusion proves',
    }),
    ApiMinPositionQuery('the public register'),
    ApiParam({ name: 'donationId', description: 'The donation', example: 'DN-2024-000123' }),
    ApiFundIdParam(),
    ApiAnswer(200, DonationProofResponse, 'The donation and its proof'),
    ApiErrors(...ROUTE_ERRORS.donationProof),
  );
