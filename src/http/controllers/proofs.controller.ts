import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { Public } from '../auth/roles.decorator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { PublicKeyResponse } from '../openapi/proofs.responses';
import { ROUTE_ERRORS } from '../openapi/route-errors';

/**
 * The public half of "proofs anyone can check" (api-v2 "Checkpoints and proofs"): the key that
 * signs checkpoints, so a verifier can hold it apart from any answer it checks.
 */
@ApiTags('public proofs')
@Controller('v1/public')
export class ProofsController {
  constructor(@Inject(LEDGER_SIGNING_KEY) private readonly signingKey: LedgerSigningKey) {}

  @Get('keys')
  @Public()
  @ApiOperation({ summary: 'The public keys that sign the ledger\'s checkpoints and transfer notes (Ed25519, raw, base64)' })
  @ApiResponse({ status: 200, type: [PublicKeyResponse], description: 'The ledger\'s signing keys' })
  @ApiErrors(...ROUTE_ERRORS.publicKeys)
  keys(): PublicKeyResponse[] {
    return [{ keyId: this.signingKey.keyId, algorithm: 'ed25519', publicKey: this.signingKey.publicKeyRaw.toString('base64') }];
  }
}
