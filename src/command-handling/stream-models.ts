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

const model = <State, Event>(name: string, initialState: () => State, evolve: (state: State, event: Event) => State): StreamModel<State, Event> => ({
  name,
  initialState,
  evolve,
});

export const FundModel = model<FundState, FundEvent>('fund', initialFundState, evolveFund);
export const DonationStreamModel = model<DonationStreamState, DonationEvent>('donations', initialDonationStreamState, evolveDonationStream);
export const SpendingModel = model<SpendingState, SpendingEvent>('spending', initialSpendingState, evolveSpending);
export const UsersModel = model<UsersState, UserEvent>('users', initialUsersState, evolveUsers);
export const ReceiptStreamModel = model<ReceiptStreamState, ReceiptEvent>('receipts', initialReceiptStreamState, evolveReceiptStream);
/** The registry as its deciders look it up (keys, not the staff's whole view of it): see beneficiaries.index.ts. */
export const BeneficiaryModel = model<BeneficiaryIndex, BeneficiaryEvent>('beneficiaries', initialBeneficiaryIndex, evolveBeneficiaryIndex);
export const StatementStreamModel = model<StatementStreamState, StatementEvent>('statements', initialStatementStreamState, evolveStatementStream);
