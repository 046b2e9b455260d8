import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AdminBootstrap } from './admin-bootstrap';
import { ImportBeneficiaryListHandler, RegisterBeneficiaryHandler } from './command-handling/handlers/beneficiaries.handlers';
import { IdNumberHasher } from './command-handling/id-number-hasher';
import { PasswordHasher } from './access/passwords';
import { readLedgerSecret } from './shared/ledger-secret';
import { RecordDonationHandler } from './command-handling/handlers/donation.handlers';
import { IssueReceiptsHandler } from './command-handling/handlers/receipts.handlers';
import { PrintReceiptsHandler } from './command-handling/handlers/receipt-printing.handler';
import { FundCommandHandler } from './command-handling/handlers/fund.handlers';
import { RecordPublicationHandler } from './command-handling/handlers/publications.handlers';
import { SpendingCommandHandler } from './command-handling/handlers/spending.handlers';
import { CreateUserHandler, ReplaceUserTokenHandler, SetUserPasswordHandler, UserCommandHandler } from './command-handling/handlers/users.handlers';
import { ApiStatementImporter, CheckStatementImportHandler, ImportStatementHandler } from './command-handling/handlers/statement-import.handlers';
import { ImportLog } from './import/import-log';
import { LedgerWriter } from './command-handling/ledger-write.providers';
import type { LedgerConfig } from './config/ledger-config';
import { LEDGER_CONFIG } from './config/ledger.tokens';
import { LEDGER_STREAM_PREFIX } from './domain/streams';
import { openEventStore } from './event-store/event-store.factory';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port';
import { UsersDirectory } from './access/users-directory';
import { SetupCodes } from './access/sessions';
import { CheckpointStore } from './projection-runner/checkpoint-store';
import { CHECKPOINT_STORE, ProjectionsService } from './projection-runner/projections.service';
import { READ_SIDE_PROVIDERS } from './read-side';
import { RegisterQueries } from './read-side/register-queries';
import { FundDirectory } from './command-handling/fund-directory';
import { FundInflows } from './read-side/fund-inflows';
import { LEDGER_SIGNING_KEY } from './proofs/ledger-signing-key';
import { loadLedgerSigningKey } from './transparency/signing-key';
import { TRANSPARENCY_PROVIDERS } from './transparency/transparency.providers';
import { LogTree } from './transparency/log-tree';
import { CHECKPOINT_SIGNER } from './proofs/checkpoint-signer.port';
import { READ_MODELS_FILE } from './config/data-files';

/** Closes the event store last, after the projections have committed. */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The ledger's core: the store, the write side and the projections, without HTTP. A file of its
 * own, so that what boots the core alone (`ledger` verbs, benches) loads no controller, DTO or
 * OpenAPI description.
 */
@Module({})
export class LedgerCoreModule {
  static register(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerCoreModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX }) },
        {
          provide: CHECKPOINT_STORE,
          // On EventStoreDB nothing else may have created the data folder yet: it holds only the read models.
          useFactory: () => {
            mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
            return new CheckpointStore(join(config.dataDir, READ_MODELS_FILE));
          },
        },
        { provide: LEDGER_SIGNING_KEY, useFactory: () => loadLedgerSigningKey(config) },
        EventStoreLifecycle,
        LedgerWriter,
        ProjectionsService,
        ...READ_SIDE_PROVIDERS,
        { provide: FundDirectory, useExisting: RegisterQueries },
        { provide: FundInflows, useFactory: (writer: LedgerWriter): FundInflows => writer.inflows, inject: [LedgerWriter] },
        UsersDirectory,
        FundCommandHandler,
        RecordPublicationHandler,
        RecordDonationHandler,
        IssueReceiptsHandler,
        PrintReceiptsHandler,
        SpendingCommandHandler,
        UserCommandHandler,
        CreateUserHandler,
        ReplaceUserTokenHandler,
        SetUserPasswordHandler,
        AdminBootstrap,
        SetupCodes,
        { provide: IdNumberHasher, useFactory: () => new IdNumberHasher(config.dataDir) },
        { provide: PasswordHasher, useFactory: () => new PasswordHasher(() => readLedgerSecret(config.dataDir), config.passwordHashCost) },
        RegisterBeneficiaryHandler,
        ImportBeneficiaryListHandler,
        ApiStatementImporter,
        CheckStatementImportHandler,
        ImportStatementHandler,
        ImportLog,
        ...TRANSPARENCY_PROVIDERS,
      ],
      exports: [ImportLog, LEDGER_CONFIG, LEDGER_SIGNING_KEY, LogTree, CHECKPOINT_SIGNER, EVENT_STORE, LedgerWriter, ProjectionsService, ...READ_SIDE_PROVIDERS, UsersDirectory, PasswordHasher, AdminBootstrap, SetupCodes, CqrsModule],
    };
  }
}
