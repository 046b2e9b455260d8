import { Inject, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordPublication } from '../../domain/fund/fund.commands';
import { decideFund } from '../../domain/fund/fund.decide';
import type { PublicationCheckpoint, PublicationMade } from '../../domain/fund/fund.events';
import { Streams } from '../../domain/streams';
import { CHECKPOINT_SIGNER, type CheckpointSigner } from '../../proofs/checkpoint-signer.port';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { FundModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

/** The publication as recorded, and the position of its event. */
export type PublicationResult = Omit<PublicationMade['data'], 'fundId'> & { fundId: string; position: number };

/** A publication to record; the checkpoint is signed by the handler, so the request does not carry it. */
export class RecordPublicationCommand extends Command<CommandOutcome<PublicationResult>> {
  constructor(readonly fundId: string, readonly command: Omit<RecordPublication, 'checkpoint'>, readonly meta: CommandMetadata) {
    super();
  }
}

/**
 * Records a publication through the one write path. A checkpoint of the log is signed first and
 * named in the event, so the published figures are tied to one tree size and root that anyone can
 * later check the log against. Without a signer (a ledger built without proofs) the event says null.
 */
@CommandHandler(RecordPublicationCommand)
export class RecordPublicationHandler implements ICommandHandler<RecordPublicationCommand> {
  constructor(
    private readonly writer: LedgerWriter,
    @Optional() @Inject(CHECKPOINT_SIGNER) private readonly signer?: CheckpointSigner,
  ) {}

  async execute({ fundId, command, meta }: RecordPublicationCommand): Promise<CommandOutcome<PublicationResult>> {
    const checkpoint = await this.signCheckpoint();
    return this.writer.writePath.execute({
      streamId: Streams.fund(fundId),
      model: FundModel,
      meta,
      decide: (state) => decideFund({ ...command, checkpoint }, state),
      respond: (events) => {
        const last = events[events.length - 1];
        const event = decodeEvent(last) as PublicationMade;
        return { ...event.data, position: last.position };
      },
    });
  }

  private async signCheckpoint(): Promise<PublicationCheckpoint | null> {
    if (!this.signer) return null;
    const signed = await this.signer.signNow();
    return { treeSize: signed.treeSize, rootHash: signed.rootHash, timestamp: signed.timestamp };
  }
}
