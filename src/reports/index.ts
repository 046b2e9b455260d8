/**
 * Reports, shared by `GET /v1/funds/:fundId/reports/:report` and `ledger report`: the facts they
 * are built from, pure builders, and the JSON, CSV and XLSX outputs. The facts are read from the
 * registers (sums in SQL) by src/read-side/register-report-facts.ts.
 */
import { DisbursementRegisterProjection } from '../../projections/disbursement-register.projection';
import { DistributionRegisterProjection } from '../../projections/distribution-register.projection';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../projections/emergency-register.projection';
import { FundRegisterProjection } from '../../projections/fund-register.projection';
import { MovementRegisterProjection } from '../../projections/movement-register.projection';
import type { TableProjection } from '../../projections/table-projection';
import { StatementRegisterProjection } from '../../projections/statement-register.projection';

export * from './build-report';
export * from './coverage-report';
export * from './movement-figures';
export * from './network-report';
export * from './report-builders';
export * from './report-facts';
export * from './report-labels';
export * from './report-model';
export * from './report-output';
export * from './report-period';
export * from './report-xlsx';

/** The registers a report reads; they must stand at one log position while it is built. */
export const REPORT_REGISTERS: readonly TableProjection[] = [
  DonationRegisterProjection, DisbursementRegisterProjection, EmergencyRegisterProjection, FundRegisterProjection,
  StatementRegisterProjection, DistributionRegisterProjection, MovementRegisterProjection,
];
