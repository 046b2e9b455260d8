import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SignedCheckpoint } from '../../proofs/checkpoint';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { PUBLIC_READS, PublicQueries } from '../../read-side/public-queries';
import { LogTree } from '../../transparency/log-tree';
import { BeyondSignedTree, consistencyBetween, inclusionAtPosition } from '../../transparency/proof-answers';
import { Public } from '../auth/roles.decorator';
import { CheckpointPending, NotFound, TreeSizeUnknown, validationFailed } from '../errors';
import { PublicKeyResponse } from '../openapi/proofs.responses';
import { ApiCheckpointRoute, ApiConsistencyProofRoute, ApiDonationProofRoute, ApiInclusionProofRoute, ApiPublicKeysRoute } from '../openapi/proofs.routes';
import { presentPublicDonation, presentPublicReversal } from '../presenters/public.presenter';
import { positionParam, RegisterReads } from '../read-consistency';
import { entryParam, fundParam } from './params';

/** A whole number parameter; `min` is 1 for a position, 0 for a tree size. */
function countParam(name: string, raw: unknown, min: number): number | undefined {
  const value = positionParam(name, raw);
  if (value !== undefined && value < min) throw validationFailed([{ field: name, reason: `must be at least ${min}` }]);
  return value;
}

/** The answer, or 422 TREE_SIZE_UNKNOWN naming the parameter (`fields`, by what was past the tree) that asked beyond it. */
function beyondSigned<T>(answer: () => T, fields: { 'tree-size'?: string; position?: string }): T {
  try {
    return answer();
  } catch (error) {
    if (error instanceof BeyondSignedTree) {
      const field = fields[error.reason];
      throw new TreeSizeUnknown(error.reason, { requested: error.requested, signedTreeSize: error.signedTreeSize, ...(field === undefined ? {} : { field }) });
    }
    throw error;
  }
}

/**
 * The public half of "proofs anyone can check" (api-v2 "Checkpoints and proofs"): the key that
 * signs checkpoints, the latest checkpoint, and proofs within it. No sign-in: whoever holds the
 * key checks every answer without trusting the server that gave it.
 */
@ApiTags('public proofs')
@Controller('v1/public')
export class ProofsController {
  constructor(
    @Inject(LEDGER_SIGNING_KEY) private readonly signingKey: LedgerSigningKey,
    @Inject(LogTree) private readonly logTree: LogTree,
    @Inject(PublicQueries) private readonly publicQueries: PublicQueries,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
  ) {}

  @Get('keys')
  @Public()
  @ApiPublicKeysRoute()
  keys(): PublicKeyResponse[] {
    return [{ keyId: this.signingKey.keyId, algorithm: 'ed25519', publicKey: this.signingKey.publicKeyRaw.toString('base64') }];
  }

  @Get('checkpoint')
  @Public()
  @ApiCheckpointRoute()
  async checkpoint(@Query() query: Record<string, unknown>): Promise<SignedCheckpoint> {
    const treeSize = countParam('treeSize', query.treeSize, 1);
    if (treeSize === undefined) return this.logTree.latestCheckpoint();
    const signed = this.logTree.checkpointOfSize(treeSize);
    if (signed === undefined) throw new NotFound('checkpoint', String(treeSize));
    return signed;
  }

  @Get('proofs/inclusion')
  @Public()
  @ApiInclusionProofRoute()
  async inclusion(@Query() query: Record<string, unknown>) {
    const position = countParam('position', query.position, 1);
    if (position === undefined) throw validationFailed([{ field: 'position', reason: 'is required' }]);
    const treeSize = countParam('treeSize', query.treeSize, 1);
    const latest = await this.logTree.latestCheckpoint();
    return beyondSigned(() => inclusionAtPosition(this.logTree.tree, latest, position, treeSize), { 'tree-size': 'treeSize', position: 'position' });
  }

  @Get('proofs/consistency')
  @Public()
  @ApiConsistencyProofRoute()
  async consistency(@Query() query: Record<string, unknown>) {
    const from = countParam('from', query.from, 0);
    if (from === undefined) throw validationFailed([{ field: 'from', reason: 'is required' }]);
    const to = countParam('to', query.to, 0);
    if (to !== undefined && from > to) throw validationFailed([{ field: 'from', reason: 'must not be larger than to' }]);
    const latest = await this.logTree.latestCheckpoint();
    if (to === undefined && from > latest.treeSize) throw new TreeSizeUnknown('tree-size', { requested: from, signedTreeSize: latest.treeSize, field: 'from' });
    return beyondSigned(() => consistencyBetween(this.logTree.tree, latest, from, to), { 'tree-size': 'to' });
  }

  @Get('funds/:fundId/donations/:donationId/proof')
  @Public()
  @ApiDonationProofRoute()
  async donationProof(@Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const donationId = entryParam('donationId', donationIdRaw);
    await this.reads.ofFund(fundId, PUBLIC_READS.donations, positionParam('minPosition', query.minPosition));
    const row = this.publicQueries.donation(fundId, donationId);
    if (row === undefined) throw new NotFound('donation', donationId);
    const position = row.position;
    const checkpoint = await this.checkpointCovering(position);
    const eventHash = await this.logTree.eventHashAt(position);
    if (eventHash === undefined) throw new NotFound('donation', donationId);
    const proof = beyondSigned(() => inclusionAtPosition(this.logTree.tree, checkpoint, position), {});
    return { donation: presentPublicDonation(row), reversal: presentPublicReversal(row), position, eventHash, proof, checkpoint };
  }

  /**
   * The latest checkpoint, once it covers this position. One falling due is signed now rather than
   * at the timer's next look; before it is due, the answer says when to come back.
   */
  private async checkpointCovering(position: number): Promise<SignedCheckpoint> {
    const covers = (checkpoint: SignedCheckpoint) => {
      const leaf = this.logTree.tree.leafAtPosition(position);
      return leaf !== undefined && leaf.leafIndex < checkpoint.treeSize;
    };
    const latest = await this.logTree.latestCheckpoint();
    if (covers(latest)) return latest;
    if (await this.logTree.checkpointDue()) {
      const signed = await this.logTree.signNow();
      if (covers(signed)) return signed;
    }
    throw new CheckpointPending(this.logTree.secondsUntilNextCheckpoint());
  }
}
