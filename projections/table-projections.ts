import { DisbursementRegisterProjection } from './disbursement-register.projection';
import { DistributionRegisterProjection } from './distribution-register.projection';
import { DonationRegisterProjection } from './donation-register.projection';
import { EmergencyRegisterProjection } from './emergency-register.projection';
import { FundRegisterProjection } from './fund-register.projection';
import { MovementRegisterProjection } from './movement-register.projection';
import { StatementRegisterProjection } from './statement-register.projection';
import type { TableProjection } from './table-projection';

/** Every table projection the table runner keeps up to date, each with its own checkpoint. */
export const ALL_TABLE_PROJECTIONS: TableProjection[] = [
  DonationRegisterProjection, DisbursementRegisterProjection, EmergencyRegisterProjection, FundRegisterProjection,
  StatementRegisterProjection, DistributionRegisterProjection, MovementRegisterProjection,
];
