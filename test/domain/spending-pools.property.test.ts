/**
 * A seeded simulation of a fund's spending against random donations. After every command, for
 * every pool, `availableInPool` must be ≥ 0 and equal the available money recomputed naively,
 * with bigint arithmetic, from the events accepted so far: cash in, less money held by open
 * requests, paid, out on unsettled releases, spent on settled ones, or taken back by reversals.
 * fast-check prints the seed and the shrunk command sequence of any failure, so it replays exactly.
 */
import fc from 'fast-check';
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import { evolveDonationStream, initialDonationStreamState } from '../../src/domain/donation/donation.state';
import { RejectionCode } from '../../src/domain/shared/rejection-codes';
import { evolveInflows, initialInflows } from '../../src/domain/spending/inflows';
import type { SpendingCommand } from '../../src/domain/spending/spending.commands';
import { availableInPool, decideSpending, type SpendingContext } from '../../src/domain/spending/spending.decide';
import { DISBURSEMENT_KINDS, type SpendingEvent } from '../../src/domain/spending/spending.events';
import { evolveSpending, initialSpendingState } from '../../src/domain/spending/spending.state';
import {
  ACCOUNTANT, approve, APPROVER_A, APPROVER_B, campaignCreated, FLOOD, FUND_ID, fundOpened, pay, recordDonation, rejectDisbursement,
  releaseEmergency, requestDisbursement, reverseEntry, RICE, settleEmergency,
} from './builders';
import { fundStateOf, snapshot, spendingStateOf } from './given-when-then';

const COMPONENTS = ['general', 'emergency-relief'] as const;

// ---------------------------------------------------------------------------------------------
// Commands, as data fast-check can generate and shrink
// ---------------------------------------------------------------------------------------------

/** An amount: a random one, or exactly what the target pool has, or one dong more. */
type AmountChoice = { mode: 'random'; value: number } | { mode: 'exact' } | { mode: 'one_over' };

type Step =
  | { t: 'donate'; component: number; target: 'none' | 'campaign' | 'designated'; inKind: boolean; namedBeneficiary: boolean; amount: number }
  | { t: 'request'; pool: number; kind: number; amount: AmountChoice }
  | { t: 'approve'; target: number; approver: number }
  | { t: 'reject'; target: number }
  | { t: 'pay'; target: number; certified: boolean }
  | { t: 'release'; pool: number; amount: AmountChoice }
  | { t: 'settle'; target: number; spentPermille: number; sumOff: number; withEvidence: boolean }
  | { t: 'reverse_donation'; target: number }
  | { t: 'reverse_payment'; target: number }
  | { t: 'reverse_emergency'; target: number };

const amountChoice: fc.Arbitrary<AmountChoice> = fc.oneof(
  { arbitrary: fc.record({ mode: fc.constant('random' as const), value: fc.integer({ min: 1, max: 60_000_000 }) }), weight: 3 },
  { arbitrary: fc.constant({ mode: 'exact' as const }), weight: 1 },
  { arbitrary: fc.constant({ mode: 'one_over' as const }), weight: 1 },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('donate' as const),
      component: fc.nat({ max: COMPONENTS.length - 1 }),
      target: fc.constantFrom('none' as const, 'campaign' as const, 'designated' as const),
      inKind: fc.boolean(),
      namedBeneficiary: fc.boolean(),
      amount: fc.integer({ min: 1, max: 50_000_000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('request' as const), pool: fc.nat(), kind: fc.nat({ max: DISBURSEMENT_KINDS.length - 1 }), amount: amountChoice }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('approve' as const), target: fc.nat(), approver: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reject' as const), target: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('pay' as const), target: fc.nat(), certified: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('release' as const), pool: fc.nat(), amount: amountChoice }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('settle' as const),
      target: fc.nat(),
      spentPermille: fc.integer({ min: 0, max: 1000 }),
      sumOff: fc.constantFrom(0, 0, 0, 1, -1),
      withEvidence: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse_donation' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse_payment' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse_emergency' as const), target: fc.nat() }) },
);

// ---------------------------------------------------------------------------------------------
// The naive reference model: bigint sums over the accepted events, nothing shared with src
// ---------------------------------------------------------------------------------------------

const poolName = (component: string, restrictionId: string | null) => (restrictionId ? `${component}#${restrictionId}` : component);

function naiveAvailable(donations: DonationRecorded[], spending: SpendingEvent[]): Map<string, bigint> {
  const available = new Map<string, bigint>();
  const add = (pool: string, amount: bigint) => available.set(pool, (available.get(pool) ?? 0n) + amount);
  for (const { data } of donations) {
    if (data.cash) add(poolName(data.component, data.restrictionId), BigInt(data.amountVnd));
  }
  const disbursements = new Map<string, { pool: string; amount: bigint; status: string }>();
  const releases = new Map<string, { pool: string; amount: bigint; spent: bigint | null; cancelled: boolean }>();
  for (const event of spending) {
    switch (event.type) {
      case 'DisbursementRequested':
        disbursements.set(event.data.disbursementId, { pool: poolName(event.data.component, event.data.restrictionId), amount: BigInt(event.data.amount), status: 'held' });
        break;
      case 'DisbursementApproved':
        break;
      case 'DisbursementRejected':
        disbursements.get(event.data.disbursementId)!.status = 'rejected';
        break;
      case 'DisbursementPaid':
        disbursements.get(event.data.disbursementId)!.status = 'paid';
        break;
      case 'PaymentReversed':
        disbursements.get(event.data.disbursementId)!.status = 'reversed';
        break;
      case 'EmergencyReleased':
        releases.set(event.data.releaseId, { pool: poolName(event.data.component, event.data.restrictionId), amount: BigInt(event.data.amount), spent: null, cancelled: false });
        break;
      case 'EmergencyReleaseSettled':
        releases.get(event.data.releaseId)!.spent = BigInt(event.data.spent);
        break;
      case 'EmergencySettlementReversed':
        releases.get(event.data.releaseId)!.spent = null;
        break;
      case 'EmergencyReleaseCancelled':
        releases.get(event.data.releaseId)!.cancelled = true;
        break;
      case 'DonationReversed':
        if (event.data.cash) add(poolName(event.data.component, event.data.restrictionId), -BigInt(event.data.amountVnd));
        break;
    }
  }
  for (const { pool, amount, status } of disbursements.values()) {
    if (status === 'held' || status === 'paid') add(pool, -amount);
  }
  for (const { pool, amount, spent, cancelled } of releases.values()) add(pool, cancelled ? 0n : -(spent ?? amount));
  return available;
}

// ---------------------------------------------------------------------------------------------
// The simulation
// ---------------------------------------------------------------------------------------------

/** Two approvers above 20,000,000 VND, so random amounts meet both tiers. */
const fundEvents = [
  fundOpened({ components: [...COMPONENTS], policy: { approvals: [{ above: '0', approvers: 1 }, { above: '20000000', approvers: 2 }] } }),
  campaignCreated(),
];
const KNOWN_CODES = new Set<string>(Object.values(RejectionCode));
const producedTypes = new Set<string>();
const rejectionCodesSeen = new Set<string>();

/** Where a command draws money: `restrictionId` is what the command names, `pool` the key of the money drawn on. */
interface PoolTarget {
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  pool: string;
}

function simulate(steps: Step[]): void {
  const fund = fundStateOf(...fundEvents);
  const inflows = initialInflows();
  let donationStream = initialDonationStreamState();
  const state = initialSpendingState();
  const context: SpendingContext = { fundId: FUND_ID, fund, inflows };
  const donations: DonationRecorded[] = [];
  const spending: SpendingEvent[] = [];

  const targets = (): PoolTarget[] => [
    ...COMPONENTS.map((component) => ({ component, campaignId: null, restrictionId: null, pool: component })),
    ...COMPONENTS.map((component) => ({ component, campaignId: FLOOD.campaignId, restrictionId: null, pool: poolName(component, FLOOD.pool) })),
    ...donations
      .filter((d) => d.data.restriction)
      .map((d) => ({ component: d.data.component, campaignId: null, restrictionId: d.data.restrictionId, pool: poolName(d.data.component, d.data.restrictionId) })),
  ];
  const amountFor = (choice: AmountChoice, target: PoolTarget): string => {
    if (choice.mode === 'random') return String(choice.value);
    const available = naiveAvailable(donations, spending).get(target.pool) ?? 0n;
    const amount = choice.mode === 'exact' ? available : available + 1n;
    return amount > 0n ? amount.toString() : '1';
  };
  const pick = <T>(items: T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
  const disbursementIds = () => spending.filter((e) => e.type === 'DisbursementRequested').map((e) => e.data.disbursementId as string);

  for (const current of steps) {
    if (current.t === 'donate') {
      const component = COMPONENTS[current.component]!;
      const command = recordDonation({
        amount: String(current.amount),
        component,
        receivedAt: FLOOD.receivedAt,
        campaignId: current.target === 'campaign' ? FLOOD.campaignId : null,
        restriction: current.target === 'designated' ? { purpose: 'Học bổng', beneficiary: current.namedBeneficiary ? 'Em Lê Văn C' : null } : null,
        channel: current.inKind ? 'in_kind' : 'bank_transfer',
        inKind: current.inKind ? RICE : null,
      });
      const decision = decideRecordDonation(command, donationStream, fund);
      if (!decision.ok) throw new Error(`donation refused: ${JSON.stringify(decision.rejection)}`);
      for (const event of decision.events) {
        donations.push(event);
        evolveInflows(inflows, event);
        donationStream = evolveDonationStream(donationStream, event);
        producedTypes.add(event.type);
      }
    } else {
      const command = spendingCommandFor(current);
      if (command) {
        const decision = decideSpending(command, state, context);
        if (decision.ok) {
          for (const event of decision.events) {
            spending.push(event);
            evolveSpending(state, event);
            producedTypes.add(event.type);
          }
        } else {
          expect(KNOWN_CODES.has(decision.rejection.code)).toBe(true);
          rejectionCodesSeen.add(decision.rejection.code);
        }
      }
    }
    expectPoolsMatchTheModel();
  }
  // The state folded step by step is the state folded from the whole log.
  expect(snapshot(state)).toEqual(snapshot(spendingStateOf(...spending)));

  function spendingCommandFor(current: Exclude<Step, { t: 'donate' }>): SpendingCommand | undefined {
    const now = FLOOD.now;
    switch (current.t) {
      case 'request': {
        const target = pick(targets(), current.pool)!;
        const kind = DISBURSEMENT_KINDS[current.kind]!;
        return requestDisbursement({ component: target.component, campaignId: target.campaignId, restrictionId: target.restrictionId, kind, amount: amountFor(current.amount, target), now });
      }
      case 'approve': {
        const id = pick(disbursementIds(), current.target);
        return id === undefined ? undefined : approve(id, [ACCOUNTANT, APPROVER_A, APPROVER_B][current.approver]);
      }
      case 'reject': {
        const id = pick(disbursementIds(), current.target);
        return id === undefined ? undefined : rejectDisbursement(id);
      }
      case 'pay': {
        const id = pick(disbursementIds(), current.target);
        return id === undefined ? undefined : pay(id, { certificationRef: current.certified ? 'UBND-xa-12/QD' : null, paidAt: now, now });
      }
      case 'release': {
        const target = pick(targets().filter((t) => t.restrictionId === null), current.pool)!;
        return releaseEmergency({ component: target.component, campaignId: target.campaignId, amount: amountFor(current.amount, target), now });
      }
      case 'settle': {
        const released = pick(spending.filter((e) => e.type === 'EmergencyReleased'), current.target);
        if (!released || released.type !== 'EmergencyReleased') return undefined;
        const amount = BigInt(released.data.amount);
        const spent = (amount * BigInt(current.spentPermille)) / 1000n;
        const returned = amount - spent + BigInt(current.sumOff);
        if (returned < 0n) return undefined;
        return { ...settleEmergency(released.data.releaseId, spent.toString(), returned.toString(), current.withEvidence ? ['bien-ban.pdf'] : []), now };
      }
      case 'reverse_donation': {
        const donation = pick(donations, current.target);
        return donation ? { ...reverseEntry(donation.data.donationId, donation), now } : undefined;
      }
      case 'reverse_payment': {
        const id = pick(disbursementIds(), current.target);
        return id === undefined ? undefined : { ...reverseEntry(id), now };
      }
      case 'reverse_emergency': {
        const released = pick(spending.filter((e) => e.type === 'EmergencyReleased'), current.target);
        return released && released.type === 'EmergencyReleased' ? { ...reverseEntry(released.data.releaseId), now } : undefined;
      }
    }
  }

  function expectPoolsMatchTheModel(): void {
    const model = naiveAvailable(donations, spending);
    const pools = new Set([...model.keys(), ...inflows.cashByPool.keys(), ...state.pools.keys()]);
    for (const pool of pools) {
      const available = availableInPool(state, inflows, pool);
      if (available.isNegative()) throw new Error(`Pool ${pool} went negative: ${available.toFixed()}`);
      expect({ pool, available: available.toFixed() }).toEqual({ pool, available: (model.get(pool) ?? 0n).toString() });
    }
  }
}

const CERTIFICATION_MISSING: Step[] = [
  { t: 'donate', component: 0, target: 'none', inKind: false, namedBeneficiary: false, amount: 10_000_000 },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('humanitarian'), amount: { mode: 'random', value: 1_000_000 } },
  { t: 'approve', target: 0, approver: 1 },
  { t: 'pay', target: 0, certified: false },
];

/**
 * One sequence that produces every kind of movement the coverage check below asks for. Random
 * sequences reach them all in nearly every run, but a run that drew no reversed payment in its 400
 * sequences failed once in a full `npm test`: the check must not depend on the run's seed.
 */
const EVERY_MOVEMENT: Step[] = [
  { t: 'donate', component: 0, target: 'none', inKind: false, namedBeneficiary: false, amount: 100_000_000 },
  { t: 'donate', component: 0, target: 'none', inKind: false, namedBeneficiary: false, amount: 5_000_000 },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('relief'), amount: { mode: 'random', value: 1_000_000 } },
  { t: 'approve', target: 0, approver: 1 },
  { t: 'pay', target: 0, certified: true },
  { t: 'reverse_payment', target: 0 },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('relief'), amount: { mode: 'random', value: 2_000_000 } },
  { t: 'reject', target: 1 },
  { t: 'release', pool: 0, amount: { mode: 'random', value: 3_000_000 } },
  { t: 'settle', target: 0, spentPermille: 500, sumOff: 0, withEvidence: true },
  { t: 'reverse_emergency', target: 0 },
  { t: 'release', pool: 0, amount: { mode: 'random', value: 1_000_000 } },
  { t: 'reverse_emergency', target: 1 },
  { t: 'reverse_donation', target: 1 },
];

/** One sequence that meets every refusal the coverage check asks for but the certification's (above). */
const EVERY_REFUSAL: Step[] = [
  { t: 'donate', component: 0, target: 'none', inKind: false, namedBeneficiary: false, amount: 100_000_000 },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('relief'), amount: { mode: 'random', value: 30_000_000 } },
  { t: 'approve', target: 0, approver: 0 },
  { t: 'approve', target: 0, approver: 1 },
  { t: 'approve', target: 0, approver: 1 },
  { t: 'reverse_payment', target: 0 },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('relief'), amount: { mode: 'one_over' } },
  { t: 'request', pool: 0, kind: DISBURSEMENT_KINDS.indexOf('management_cost'), amount: { mode: 'random', value: 50_000_000 } },
  { t: 'release', pool: 0, amount: { mode: 'random', value: 60_000_000 } },
  { t: 'release', pool: 0, amount: { mode: 'random', value: 1_000_000 } },
  { t: 'settle', target: 0, spentPermille: 500, sumOff: 1, withEvidence: true },
  { t: 'settle', target: 0, spentPermille: 500, sumOff: 0, withEvidence: false },
  { t: 'donate', component: 1, target: 'none', inKind: false, namedBeneficiary: false, amount: 1_000_000 },
  { t: 'reverse_donation', target: 1 },
  { t: 'reverse_donation', target: 1 },
];

describe('Spending pools under random command sequences (simulation against a naive model)', () => {
  it('never lets a pool go negative, and every pool equals inflows minus outflows', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        simulate(steps);
      }),
      // Sequences known to reach every movement and every refusal the check below asks for (the
      // rarest: paying a humanitarian disbursement with no certification), so it does not depend on the run's random seed.
      { numRuns: 400, examples: [[EVERY_MOVEMENT], [EVERY_REFUSAL], [CERTIFICATION_MISSING]] },
    );
    // The simulation must have reached every kind of movement, or the property proves little.
    expect([...producedTypes].sort()).toEqual([
      'DisbursementApproved', 'DisbursementPaid', 'DisbursementRejected', 'DisbursementRequested', 'DonationRecorded',
      'DonationReversed', 'EmergencyReleaseCancelled', 'EmergencyReleaseSettled', 'EmergencyReleased', 'EmergencySettlementReversed',
      'PaymentReversed',
    ]);
    expect([...rejectionCodesSeen].sort()).toEqual(
      expect.arrayContaining([
        'ALREADY_REVERSED', 'CERTIFICATION_REQUIRED', 'DUPLICATE_APPROVAL', 'EMERGENCY_CAP_EXCEEDED', 'EVIDENCE_REQUIRED', 'INSUFFICIENT_FUNDS',
        'INVALID_STATE', 'MANAGEMENT_COST_CAP_EXCEEDED', 'SELF_APPROVAL_FORBIDDEN', 'SETTLEMENT_MISMATCH',
      ]),
    );
  });
});
