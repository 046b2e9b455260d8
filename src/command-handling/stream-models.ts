import type { BeneficiaryEvent } from '../domain/beneficiaries/beneficiaries.events';
import { evolveBeneficiaryIndex, initialBeneficiaryIndex, type BeneficiaryIndex } from '../domain/beneficiaries/beneficiaries.index';
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
/** The registry as its deciders look it up (keys, not the staff's whole view of it): see beneficiaries.index.ts. */
export const BeneficiaryModel: StreamModel<BeneficiaryIndex, BeneficiaryEvent> = {
  name: 'beneficiaries',
  initialState: initialBeneficiaryIndex,
  evolve: evolveBeneficiaryIndex,
};
export const StatementStreamModel: StreamModel<StatementStreamState, StatementEvent> = {
  name: 'statements',
  initialState: initialStatementStreamState,
  evolve: evolveStatementStream,
};
