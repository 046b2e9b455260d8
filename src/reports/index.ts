/**
 * Reports, shared by `GET /v1/funds/:fundId/reports/:report` and `ledger report`: facts read
 * from the registers (sums in SQL), pure builders, and the JSON, CSV and XLSX outputs.
 */
import { DisbursementRegisterProjection } from '../../projections/disbursement-register.projection';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../projections/emergency-register.projection';
import { FundRegisterProjection } from '../../projections/fund-register.projection';
import type { TableProjection } from '../../projections/table-projection';

export * from './build-report';
export * from './register-position';
export * from './register-rows';
export * from './report-builders';
export * from './report-facts';
export * from './report-model';
export * from './report-output';
export * from './report-period';

/** The registers a report reads; they must stand at one log position while it is built. */
export const REPORT_REGISTERS: readonly TableProjection[] = [
  DonationRegisterProjection, DisbursementRegisterProjection, EmergencyRegisterProjection, FundRegisterProjection,
];
