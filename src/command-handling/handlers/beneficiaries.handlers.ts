import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { BeneficiaryCommand, BeneficiaryIdentity, BeneficiaryListRow, RegisterBeneficiary } from '../../domain/beneficiaries/beneficiaries.commands';
import { decideBeneficiaries } from '../../domain/beneficiaries/beneficiaries.decide';
import type { BeneficiaryListImported, BeneficiaryRegistered, RejectedListLine } from '../../domain/beneficiaries/beneficiaries.events';
import type { FundState } from '../../domain/fund/fund.state';
import { Streams } from '../../domain/streams';
import type { BeneficiaryListFile } from '../../import/beneficiary-list';
import type { StoredEvent } from '../../event-store/event-store.port';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { IdNumberHasher } from '../id-number-hasher';
import { LedgerWriter } from '../ledger-write.providers';
import { BeneficiaryModel, FundModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

/** A beneficiary as sent: the command's fields, with the id number in clear, hashed by the handler before anything decides on it. */
export type BeneficiaryInput = Omit<RegisterBeneficiary, 'type' | keyof BeneficiaryIdentity | 'actor' | 'now'> & { idNumber: string | null };

/** The beneficiary as registered, without its id hash: an answer never carries it. */
export type BeneficiaryRegisteredResult = Omit<BeneficiaryRegistered['data'], 'idHash'> & { position: number };

export interface BeneficiaryListResult {
  fundId: string;
  listId: string;
  commune: string;
  listKind: string;
  certificationRef: string;
  added: number;
  matched: number;
  members: number;
  rejected: RejectedListLine[];
  position: number;
}

export class RegisterBeneficiaryCommand extends Command<CommandOutcome<BeneficiaryRegisteredResult>> {
  constructor(readonly fundId: string, readonly input: BeneficiaryInput, readonly meta: CommandMetadata) {
    super();
  }
}

export class ImportBeneficiaryListCommand extends Command<CommandOutcome<BeneficiaryListResult>> {
  constructor(
    readonly fundId: string,
    readonly list: { commune: string; listKind: string; certificationRef: string },
    readonly file: BeneficiaryListFile,
    readonly meta: CommandMetadata,
  ) {
    super();
  }
}

/** The metadata of a request that carried id numbers in clear: its request hash, as stored, is keyed under the fund's key. */
function keyedMeta(hasher: IdNumberHasher, fundId: string, meta: CommandMetadata): CommandMetadata {
  return meta.idempotencyKey === null ? meta : { ...meta, requestHash: hasher.keyedRequestHash(fundId, meta.requestHash) };
}

/** A command on a fund's beneficiary registry, decided with the fund looked up first. */
function decideOnRegistry<Result>(
  writer: LedgerWriter, fundId: string, command: BeneficiaryCommand, meta: CommandMetadata, respond: (events: StoredEvent[]) => Result,
): Promise<CommandOutcome<Result>> {
  let fund: FundState = { status: 'none' };
  return writer.writePath.execute({
    streamId: Streams.beneficiaries(fundId),
    model: BeneficiaryModel,
    meta,
    prepare: async (held) => {
      fund = await writer.writePath.lookup(Streams.fund(fundId), FundModel, { holdIn: held });
    },
    decide: (state) => decideBeneficiaries(command, state, fund),
    respond,
  });
}

@CommandHandler(RegisterBeneficiaryCommand)
export class RegisterBeneficiaryHandler implements ICommandHandler<RegisterBeneficiaryCommand> {
  constructor(private readonly writer: LedgerWriter, @Inject(IdNumberHasher) private readonly hasher: IdNumberHasher) {}

  execute({ fundId, input, meta }: RegisterBeneficiaryCommand): Promise<CommandOutcome<BeneficiaryRegisteredResult>> {
    const { idNumber, ...rest } = input;
    const command = { type: 'RegisterBeneficiary' as const, ...rest, ...this.hasher.identity(fundId, idNumber), actor: meta.actor, now: meta.now };
    return decideOnRegistry(this.writer, fundId, command, keyedMeta(this.hasher, fundId, meta), (events) => {
      const last = events[events.length - 1];
      const { idHash: _hidden, ...data } = (decodeEvent(last) as BeneficiaryRegistered).data;
      return { ...data, position: last.position };
    });
  }
}

@CommandHandler(ImportBeneficiaryListCommand)
export class ImportBeneficiaryListHandler implements ICommandHandler<ImportBeneficiaryListCommand> {
  constructor(private readonly writer: LedgerWriter, @Inject(IdNumberHasher) private readonly hasher: IdNumberHasher) {}

  execute({ fundId, list, file, meta }: ImportBeneficiaryListCommand): Promise<CommandOutcome<BeneficiaryListResult>> {
    const rows: BeneficiaryListRow[] = file.lines.map(({ idNumber, ...line }) => ({ ...line, ...this.hasher.identity(fundId, idNumber) }));
    const command = { type: 'ImportBeneficiaryList' as const, ...list, rows, unreadable: file.unreadable, actor: meta.actor, now: meta.now };
    return decideOnRegistry(this.writer, fundId, command, keyedMeta(this.hasher, fundId, meta), (events) => {
      const last = events[events.length - 1];
      const d = (decodeEvent(last) as BeneficiaryListImported).data;
      return {
        fundId: d.fundId, listId: d.listId, commune: d.commune, listKind: d.listKind, certificationRef: d.certificationRef, added: d.added,
        matched: d.matched, members: d.members.length, rejected: d.rejected, position: last.position,
      };
    });
  }
}
