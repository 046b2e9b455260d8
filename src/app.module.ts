import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { BeneficiariesController, PublicBeneficiariesController } from './http/controllers/beneficiaries.controller';
import { AuthGuard } from './http/auth/auth.guard';
import { KnownQueryGuard } from './http/known-query.guard';
import { SessionStore } from './access/sessions';
import type { LedgerConfig } from './config/ledger-config';
import { LedgerCoreModule } from './ledger-core.module';
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
import { LogProgress } from './ops/log-progress';
import { LogAudit } from './audit/log-audit';
import { ShutdownAnnouncer } from './ops/shutdown-announcer';
import { ApiExceptionFilter } from './http/error-mapping';
import { HealthController } from './http/health.controller';
import { RegisterReads } from './http/read-consistency';
import { createValidationPipe } from './http/validation';

export { LedgerCoreModule };

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
        LogProgress,
        LogAudit,
        RegisterReads,
        ShutdownAnnouncer,
        SessionStore,
        AuthLimits,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: KnownQueryGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
