import { join } from 'node:path';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AdminBootstrap } from './admin-bootstrap';
import { ImportBeneficiaryListHandler, RegisterBeneficiaryHandler } from './command-handling/handlers/beneficiaries.handlers';
import { IdNumberHasher } from './command-handling/id-number-hasher';
import { BeneficiariesController, PublicBeneficiariesController } from './http/controllers/beneficiaries.controller';
import { RecordDonationHandler } from './command-handling/handlers/donation.handlers';
import { IssueReceiptsHandler } from './command-handling/handlers/receipts.handlers';
import { FundCommandHandler } from './command-handling/handlers/fund.handlers';
import { RecordPublicationHandler } from './command-handling/handlers/publications.handlers';
import { SpendingCommandHandler } from './command-handling/handlers/spending.handlers';
import { UserCommandHandler } from './command-handling/handlers/users.handlers';
import { LedgerWriter } from './command-handling/ledger-write.providers';
import type { LedgerConfig } from './config/ledger-config';
import { LEDGER_CONFIG } from './config/ledger.tokens';
import { LEDGER_STREAM_PREFIX } from './domain/streams';
import { openEventStore } from './event-store/event-store.factory';
import { EVENT_STORE, type EventStore } from './event-store/event-store.port';
import { AuthGuard } from './http/auth/auth.guard';
import { UsersDirectory } from './access/users-directory';
import { SessionStore, SetupCodes } from './access/sessions';
import { AuthLimits } from './http/auth/rate-limiter';
import { SessionController } from './http/controllers/session.controller';
import { AuditController } from './http/controllers/audit.controller';
import { DisbursementsController } from './http/controllers/disbursements.controller';
import { TransfersController } from './http/controllers/transfers.controller';
import { TrustedKeysController } from './http/controllers/trusted-keys.controller';
import { PoolMovesController } from './http/controllers/pool-moves.controller';
import { DonationsController } from './http/controllers/donations.controller';
import { EmergencyReleasesController } from './http/controllers/emergency-releases.controller';
import { ActivityController } from './http/controllers/activity.controller';
import { FundsController } from './http/controllers/funds.controller';
import { ImportsController } from './http/controllers/imports.controller';
import { PublicController } from './http/controllers/public.controller';
import { PublicFundController } from './http/controllers/public-fund.controller';
import { PublicationsController, PublicPublicationsController } from './http/controllers/publications.controller';
import { ProofsController } from './http/controllers/proofs.controller';
import { RegistersController } from './http/controllers/registers.controller';
import { StatementsController } from './http/controllers/statements.controller';
import { SuspenseController } from './http/controllers/suspense.controller';
import { ReceiptsController } from './http/controllers/receipts.controller';
import { ReportsController } from './http/controllers/reports.controller';
import { ReversalsController } from './http/controllers/reversals.controller';
import { MeController, UsersController } from './http/controllers/users.controller';
import { MetricsController } from './http/controllers/metrics.controller';
import { SetupPageController } from './http/controllers/setup-page.controller';
import { LedgerMetrics } from './ops/metrics';
import { ShutdownAnnouncer } from './ops/shutdown-announcer';
import { ApiExceptionFilter } from './http/error-mapping';
import { HealthController } from './http/health.controller';
import { RegisterReads } from './http/read-consistency';
import { createValidationPipe } from './http/validation';
import { CheckpointStore } from './projection-runner/checkpoint-store';
import { CHECKPOINT_STORE, ProjectionsService } from './projection-runner/projections.service';
import { ImportLog } from './import/import-log';
import { READ_SIDE_PROVIDERS } from './read-side';
import { LEDGER_SIGNING_KEY } from './proofs/ledger-signing-key';
import { loadLedgerSigningKey } from './transparency/signing-key';
import { TRANSPARENCY_PROVIDERS } from './transparency/transparency.providers';
import { LogTree } from './transparency/log-tree';
import { CHECKPOINT_SIGNER } from './proofs/checkpoint-signer.port';

/** Closes the event store last, after the projections have committed. */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The ledger's core: the store, the write side and the projections, without HTTP. */
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
        { provide: CHECKPOINT_STORE, useFactory: () => new CheckpointStore(join(config.dataDir, 'read-models.db')) },
        { provide: LEDGER_SIGNING_KEY, useFactory: () => loadLedgerSigningKey(config) },
        EventStoreLifecycle,
        LedgerWriter,
        ProjectionsService,
        ...READ_SIDE_PROVIDERS,
        UsersDirectory,
        FundCommandHandler,
        RecordPublicationHandler,
        RecordDonationHandler,
        IssueReceiptsHandler,
        SpendingCommandHandler,
        UserCommandHandler,
        AdminBootstrap,
        SetupCodes,
        { provide: IdNumberHasher, useFactory: () => new IdNumberHasher(config.dataDir) },
        RegisterBeneficiaryHandler,
        ImportBeneficiaryListHandler,
        ...TRANSPARENCY_PROVIDERS,
      ],
      exports: [LEDGER_CONFIG, LEDGER_SIGNING_KEY, LogTree, CHECKPOINT_SIGNER, EVENT_STORE, LedgerWriter, ProjectionsService, ...READ_SIDE_PROVIDERS, UsersDirectory, AdminBootstrap, SetupCodes, CqrsModule],
    };
  }
}

/** The HTTP API over the core. */
@Module({})
export class AppModule {
  static register(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [LedgerCoreModule.register(config), TerminusModule],
      controllers: [
        FundsController, DonationsController, DisbursementsController, EmergencyReleasesController, ReversalsController,
        UsersController, MeController, HealthController, RegistersController, PublicController, ProofsController, ReportsController, ReceiptsController, AuditController,
        ImportsController, MetricsController, SetupPageController,
        SessionController,
        ActivityController,
        PublicationsController, PublicPublicationsController,
        TransfersController, PoolMovesController, TrustedKeysController,
        BeneficiariesController, PublicBeneficiariesController,
        PublicFundController,
        StatementsController,
        SuspenseController,
      ],
      providers: [
        LedgerMetrics,
        ImportLog,
        RegisterReads,
        ShutdownAnnouncer,
        SessionStore,
        AuthLimits,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
