import type { BeneficiaryEvent } from '../domain/beneficiaries/beneficiaries.events';
import { evolveBeneficiaries, initialBeneficiaryRegistryState, type BeneficiaryRegistryState } from '../domain/beneficiaries/beneficiaries.state';
import { evolveDonationStream, initialDonationStreamState, type DonationStreamState } from '../domain/donation/donation.state';
import type { DonationEvent } from '../domain/donation/donation.events';
import type { FundEvent } from '../domain/fund/fund.events';
import { evolveFund, initialFundState, type FundState } from '../domain/fund/fund.state';
import type { SpendingEvent } from '../domain/spending/spending.events';
import { evolveSpending, initialSpendingState, type SpendingState } from '../domain/spending/spending.state';
import type { ReceiptEvent } from '../domain/receipts/receipts.events';
import { evolveReceiptStream, initialReceiptStreamState, type ReceiptStreamState } from '../domain/receipts/receipts.state';
import type { StatementEvent } from '../domain/statements/statements.events';
import { evolveStatementStream, initialStatementStreamState, type StatementStreamState } from '../domain/statements/statements.state';
import type { UserEvent } from '../domain/users/users.events';
import { evolveUsers, initialUsersState, type UsersState } from '../domain/users/users.state';

/** How a stream type folds: the write path needs nothing else to rebuild a stream's state. */
export interface StreamModel<State, Event> {
  name: string;
  initialState(): State;
  evolve(state: State, event: Event): State;
}

export const FundModel: StreamModel<FundState, FundEvent> = { name: 'fund', initialState: initialFundState, evolve: evolveFund };
export const DonationStreamModel: StreamModel<DonationStreamState, DonationEvent> = {
  name: 'donations',
  initialState: initialDonationStreamState,
  evolve: evolveDonationStream,
};
export const SpendingModel: StreamModel<SpendingState, SpendingEvent> = {
  name: 'spending',
  initialState: initialSpendingState,
  evolve: evolveSpending,
};
export const UsersModel: StreamModel<UsersState, UserEvent> = { name: 'users', initialState: initialUsersState, evolve: evolveUsers };
export const ReceiptStreamModel: StreamModel<ReceiptStreamState, ReceiptEvent> = {
  name: 'receipts',
  initialState: initialReceiptStreamState,
  evolve: evolveReceiptStream,
};
export const BeneficiaryModel: StreamModel<BeneficiaryRegistryState, BeneficiaryEvent> = {
  name: 'beneficiaries',
  initialState: initialBeneficiaryRegistryState,
  evolve: evolveBeneficiaries,
};
export const StatementStreamModel: StreamModel<StatementStreamState, StatementEvent> = {
  name: 'statements',
  initialState: initialStatementStreamState,
  evolve: evolveStatementStream,
};
