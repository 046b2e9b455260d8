/**
 * given(...events).when(command).then(...expectedEvents) / .thenRejects(code) for each decider.
 *
 * State is never written by hand: the decider's own stream is folded from `given` events with its
 * `evolve`, and what a decider looks up (the fund, the money that came in) is folded from events
 * too: `.withFund(...fundEvents)`, `.withDonations(...donationRecordedEvents)`.
 *
 * Every `when` also checks that the decision is pure: deciding twice on the same state, and once
 * more on a freshly folded copy, gives the same answer, and neither the state, the looked-up
 * context nor the command is changed by deciding (deep comparison before/after).
 */
import type { BeneficiaryCommand } from '../../src/domain/beneficiaries/beneficiaries.commands';
import { decideBeneficiaries } from '../../src/domain/beneficiaries/beneficiaries.decide';
import { evolveBeneficiaryIndex, initialBeneficiaryIndex, type BeneficiaryIndex } from '../../src/domain/beneficiaries/beneficiaries.index';
import type { BeneficiaryEvent } from '../../src/domain/beneficiaries/beneficiaries.events';
import {
  evolveBeneficiaries, initialBeneficiaryRegistryState, type BeneficiaryRegistryState,
} from '../../src/domain/beneficiaries/beneficiaries.state';
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import type { DonationCommand } from '../../src/domain/donation/donation.commands';
import type { DonationEvent, DonationRecorded } from '../../src/domain/donation/donation.events';
import { evolveDonationStream, initialDonationStreamState, type DonationStreamState } from '../../src/domain/donation/donation.state';
import type { FundCommand } from '../../src/domain/fund/fund.commands';
import { decideFund } from '../../src/domain/fund/fund.decide';
import type { FundEvent } from '../../src/domain/fund/fund.events';
import { evolveFund, initialFundState, type FundState } from '../../src/domain/fund/fund.state';
import { MoneyDecimal } from '../../src/domain/money';
import type { Decision, Rejection } from '../../src/domain/shared/decision';
import type { RejectionCode } from '../../src/domain/shared/rejection-codes';
import { errorMessage } from '../../src/i18n/error-messages';
import { evolveInflows, evolveInflowsByNote, evolveInflowsByTransfer, initialInflows, type Inflows } from '../../src/domain/spending/inflows';
import type { SpendingCommand } from '../../src/domain/spending/spending.commands';
import { decideSpending, type SpendingContext } from '../../src/domain/spending/spending.decide';
import type { SpendingEvent, TransferNoteImported, TransferReceived } from '../../src/domain/spending/spending.events';
import { evolveSpending, initialSpendingState, type SpendingState } from '../../src/domain/spending/spending.state';
import type { UserCommand } from '../../src/domain/users/users.commands';
import { decideUsers } from '../../src/domain/users/users.decide';
import type { UserEvent } from '../../src/domain/users/users.events';
import { evolveUsers, initialUsersState, type UsersState } from '../../src/domain/users/users.state';
import { FUND_ID } from './builders';

// ---------------------------------------------------------------------------------------------
// Folds: the only way tests obtain state
// ---------------------------------------------------------------------------------------------

export const fundStateOf = (...events: FundEvent[]): FundState => events.reduce(evolveFund, initialFundState());
export const donationStreamStateOf = (...events: DonationEvent[]): DonationStreamState =>
  events.reduce(evolveDonationStream, initialDonationStreamState());
export const inflowsOf = (...events: DonationRecorded[]): Inflows => events.reduce(evolveInflows, initialInflows());
export const spendingStateOf = (...events: SpendingEvent[]): SpendingState => events.reduce(evolveSpending, initialSpendingState());
export const usersStateOf = (...events: UserEvent[]): UsersState => events.reduce(evolveUsers, initialUsersState());

/**
 * A structural copy that deep equality can compare: Maps and Sets become tagged entry lists (in
 * insertion order), decimals become their exact strings, object keys are sorted.
 */
export function snapshot(value: unknown): unknown {
  if (value instanceof Map) return { '<Map>': [...value.entries()].map(([key, entry]) => [snapshot(key), snapshot(entry)]) };
  if (value instanceof Set) return { '<Set>': [...value].map(snapshot) };
  if (MoneyDecimal.isDecimal(value)) return { '<Decimal>': (value as MoneyDecimal).toFixed() };
  if (Array.isArray(value)) return value.map(snapshot);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, snapshot(record[key])]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The generic scenario
// ---------------------------------------------------------------------------------------------

export interface DeciderUnderTest<Command, Event, State, Context> {
  fold: (events: Event[]) => State;
  decide: (command: Command, state: State, context: Context) => Decision<Event>;
}

/** Deep partial, for `thenMatches`: only the fields a test cares about. */
export type Partially<T> = T extends object ? { [K in keyof T]?: Partially<T[K]> } : T;

export class Outcome<Event, State> {
  constructor(
    readonly decision: Decision<Event>,
    private readonly foldAfter: (produced: Event[]) => State,
  ) {}

  /** The events, exactly. Also folds them onto the given history, so evolve must accept them. */
  then(...expected: Event[]): void {
    expect(this.decision).toEqual({ ok: true, events: expected });
    this.foldAfter(expected);
  }

  /** The events, by the fields given. */
  thenMatches(...expected: Partially<Event>[]): void {
    expect(this.decision).toMatchObject({ ok: true });
    expect(this.events).toMatchObject(expected as object[]);
    this.foldAfter(this.events);
  }

  /** A rejection with `code`, a message for people and, when given, at least these details. */
  thenRejects(code: RejectionCode, details?: Rejection['details']): void {
    expect(this.decision).toMatchObject({ ok: false, rejection: { code } });
    expect(typeof this.rejection.message).toBe('string');
    expect(this.rejection.message.length).toBeGreaterThan(0);
    if (details) expect(this.rejection.details).toMatchObject(details);
    expectCatalogueWording(this.rejection);
  }

  get events(): Event[] {
    if (!this.decision.ok) throw new Error(`Expected events, got ${JSON.stringify(this.decision.rejection)}`);
    return this.decision.events;
  }

  get rejection(): Rejection {
    if (this.decision.ok) throw new Error(`Expected a rejection, got ${JSON.stringify(this.decision.events)}`);
    return this.decision.rejection;
  }

  /** The state folded from the given history and the events this decision produced. */
  stateAfter(): State {
    return this.foldAfter(this.decision.ok ? this.decision.events : []);
  }
}

export class Scenario<Command, Event, State, Context> {
  constructor(
    private readonly decider: DeciderUnderTest<Command, Event, State, Context>,
    private readonly history: readonly Event[],
    private readonly buildContext: () => Context,
  ) {}

  when(command: Command): Outcome<Event, State> {
    const state = this.decider.fold([...this.history]);
    const context = this.buildContext();
    const before = snapshot({ state, context, command });

    const first = this.decider.decide(command, state, context);
    expectUnchanged(before, { state, context, command }, 'the first decision');
    const second = this.decider.decide(command, state, context);
    expectUnchanged(before, { state, context, command }, 'the second decision');
    const fresh = this.decider.decide(command, this.decider.fold([...this.history]), this.buildContext());

    expectSameDecision(first, second, 'deciding twice on the same state');
    expectSameDecision(first, fresh, 'deciding on a freshly folded state');
    return new Outcome(first, (produced) => this.decider.fold([...this.history, ...produced]));
  }
}

function expectUnchanged(before: unknown, now: unknown, when: string): void {
  const after = snapshot(now);
  if (!equalSnapshots(before, after)) {
    throw new Error(`Impure decider: ${when} changed its state, context or command.\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
  }
}

function expectSameDecision(first: unknown, other: unknown, how: string): void {
  if (!equalSnapshots(snapshot(first), snapshot(other))) {
    throw new Error(`Nondeterministic decider: ${how} gave another answer.\nfirst: ${JSON.stringify(first)}\nother: ${JSON.stringify(other)}`);
  }
}

function equalSnapshots(left: unknown, right: unknown): boolean {
  return JSON.stringify(left, undefinedAsTag) === JSON.stringify(right, undefinedAsTag);
}

function undefinedAsTag(_key: string, value: unknown): unknown {
  return value === undefined ? '<undefined>' : value;
}

// ---------------------------------------------------------------------------------------------
// One entry point per decider
// ---------------------------------------------------------------------------------------------

const fundDecider: DeciderUnderTest<FundCommand, FundEvent, FundState, undefined> = {
  fold: (events) => fundStateOf(...events),
  decide: (command, state) => decideFund(command, state),
};

const usersDecider: DeciderUnderTest<UserCommand, UserEvent, UsersState, undefined> = {
  fold: (events) => usersStateOf(...events),
  decide: (command, state) => decideUsers(command, state),
};

interface DonationContext {
  fund: FundState;
}

const donationDecider: DeciderUnderTest<DonationCommand, DonationEvent, DonationStreamState, DonationContext> = {
  fold: (events) => donationStreamStateOf(...events),
  decide: (command, state, context) => decideRecordDonation(command, state, context.fund),
};

const spendingDecider: DeciderUnderTest<SpendingCommand, SpendingEvent, SpendingState, SpendingContext> = {
  fold: (events) => spendingStateOf(...events),
  decide: decideSpending,
};

export const FundDecider = {
  given: (...events: FundEvent[]) => new Scenario(fundDecider, events, () => undefined),
};

export const UsersDecider = {
  given: (...events: UserEvent[]) => new Scenario(usersDecider, events, () => undefined),
};

/** A fund's donation stream of one fiscal year; the fund it belongs to comes from `withFund`. */
class DonationGiven {
  constructor(
    private readonly streamEvents: DonationEvent[],
    private readonly fundEvents: FundEvent[] = [],
  ) {}

  withFund(...fundEvents: FundEvent[]): DonationGiven {
    return new DonationGiven(this.streamEvents, fundEvents);
  }

  when(command: DonationCommand): Outcome<DonationEvent, DonationStreamState> {
    const fundEvents = this.fundEvents;
    return new Scenario(donationDecider, this.streamEvents, () => ({ fund: fundStateOf(...fundEvents) })).when(command);
  }
}

export const DonationDecider = {
  given: (...streamEvents: DonationEvent[]) => new DonationGiven(streamEvents),
};

/**
 * A fund's spending stream; the fund comes from `withFund` and the money that came in is folded
 * from the DonationRecorded events of `withDonations` with evolveInflows.
 */
class SpendingGiven {
  constructor(
    private readonly spendingEvents: SpendingEvent[],
    private readonly fundEvents: FundEvent[] = [],
    private readonly donationEvents: DonationRecorded[] = [],
    private readonly counterpartEvents: FundEvent[] | undefined = undefined,
    private readonly transfersIn: TransferReceived[] = [],
  ) {}

  withFund(...fundEvents: FundEvent[]): SpendingGiven {
    return new SpendingGiven(this.spendingEvents, fundEvents, this.donationEvents, this.counterpartEvents, this.transfersIn);
  }

  withDonations(...donationEvents: DonationRecorded[]): SpendingGiven {
    return new SpendingGiven(this.spendingEvents, this.fundEvents, donationEvents, this.counterpartEvents, this.transfersIn);
  }

  /** Transfers another fund sent this one and this one received, folded into its inflows after the donations. */
  withTransfersIn(...received: TransferReceived[]): SpendingGiven {
    return new SpendingGiven(this.spendingEvents, this.fundEvents, this.donationEvents, this.counterpartEvents, received);
  }

  /** The other fund of a transfer (the receiver), folded from its fund stream's events. */
  withCounterpart(...fundEvents: FundEvent[]): SpendingGiven {
    return new SpendingGiven(this.spendingEvents, this.fundEvents, this.donationEvents, fundEvents, this.transfersIn);
  }

  /** Notes booked in the given spending stream: the ledger folds their money into the fund's inflows as it follows the log. */
  private notesIn(): TransferNoteImported[] {
    return this.spendingEvents.filter((event): event is TransferNoteImported => event.type === 'TransferNoteImported');
  }

  /** The context a decision looks up, folded from events. */
  context(): SpendingContext {
    const context: SpendingContext = {
      fundId: FUND_ID, fund: fundStateOf(...this.fundEvents), inflows: this.notesIn().reduce(evolveInflowsByNote, this.transfersIn.reduce(evolveInflowsByTransfer, inflowsOf(...this.donationEvents))),
    };
    if (this.counterpartEvents) context.counterpart = fundStateOf(...this.counterpartEvents);
    return context;
  }

  when(command: SpendingCommand): Outcome<SpendingEvent, SpendingState> {
    return new Scenario(spendingDecider, this.spendingEvents, () => this.context()).when(command);
  }
}

export const SpendingDecider = {
  given: (...spendingEvents: SpendingEvent[]) => new SpendingGiven(spendingEvents),
};

/**
 * The message catalogue words this rejection in English exactly as the decider did, and in
 * Vietnamese too: every rejection a domain test produces proves its entry (field problems are
 * worded by the field's reason, see test/unit/error-messages.test.ts).
 */
export function expectCatalogueWording(rejection: Rejection): void {
  if (rejection.code === 'VALIDATION_FAILED') return;
  const params = { ...rejection.details, ...rejection.params };
  const wording = { code: rejection.code, reason: rejection.reason };
  expect({ ...wording, en: errorMessage('en', rejection.code, rejection.reason, params) }).toEqual({ ...wording, en: rejection.message });
  expect({ ...wording, vi: errorMessage('vi', rejection.code, rejection.reason, params) }).toEqual({ ...wording, vi: expect.stringMatching(/\S/) });
}

// ---------------------------------------------------------------------------------------------
// The beneficiary registry: its own stream, and the fund it belongs to from `withFund`
// ---------------------------------------------------------------------------------------------

export const beneficiaryStateOf = (...events: BeneficiaryEvent[]): BeneficiaryRegistryState =>
  events.reduce(evolveBeneficiaries, initialBeneficiaryRegistryState());

/** The write side's index of the registry, as the write path folds it for the decider. */
export const beneficiaryIndexOf = (...events: BeneficiaryEvent[]): BeneficiaryIndex => events.reduce(evolveBeneficiaryIndex, initialBeneficiaryIndex());

const beneficiaryDecider: DeciderUnderTest<BeneficiaryCommand, BeneficiaryEvent, BeneficiaryIndex, FundState> = {
  fold: (events) => beneficiaryIndexOf(...events),
  decide: decideBeneficiaries,
};

class BeneficiaryGiven {
  constructor(private readonly registryEvents: BeneficiaryEvent[], private readonly fundEvents: FundEvent[] = []) {}

  withFund(...fundEvents: FundEvent[]): BeneficiaryGiven {
    return new BeneficiaryGiven(this.registryEvents, fundEvents);
  }

  when(command: BeneficiaryCommand): Outcome<BeneficiaryEvent, BeneficiaryIndex> {
    const fundEvents = this.fundEvents;
    return new Scenario(beneficiaryDecider, this.registryEvents, () => fundStateOf(...fundEvents)).when(command);
  }
}

export const BeneficiaryDecider = {
  given: (...registryEvents: BeneficiaryEvent[]) => new BeneficiaryGiven(registryEvents),
};
