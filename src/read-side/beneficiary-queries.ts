import { Inject, Injectable } from '@nestjs/common';
import type { BeneficiaryEvent } from '../domain/beneficiaries/beneficiaries.events';
import {
  evolveBeneficiaries, foldText, initialBeneficiaryRegistryState, type BeneficiaryRegistryState, type BeneficiaryState,
} from '../domain/beneficiaries/beneficiaries.state';
import type { OpenFundState } from '../domain/fund/fund.state';
import type { SpendingEvent } from '../domain/spending/spending.events';
import { evolveSpending, initialSpendingState } from '../domain/spending/spending.state';
import { vietnamDateOf, vietnamTimestampOf } from '../domain/shared/calendar';
import type { DisbursementState, SpendingState } from '../domain/spending/spending.state';
import type { DistributionItem } from '../domain/spending/spending.events';
import { Streams } from '../domain/streams';
import { type Fold, FoldedStreams } from './folded-streams';
import { openFund } from './fund-reads';
import { ReadModels } from './read-models';
import { addToPoolStock, addToStock, quantityIn, type StockByPool, type StockItem } from '../domain/spending/stock';
import { campaignOfMovement, poolKeyOf } from '../domain/spending/pools';
import type { CoverageAnswer, CoverageEntry } from '../reports/coverage-report';
import { DONATIONS_TABLE } from '../../projections/donation-register.projection';

const REGISTRY: Fold<BeneficiaryRegistryState, BeneficiaryEvent> = { initialState: initialBeneficiaryRegistryState, evolve: evolveBeneficiaries };
const SPENDING: Fold<SpendingState, SpendingEvent> = { initialState: initialSpendingState, evolve: evolveSpending };

/** A beneficiary as staff see it: never the id hash, only the id number's last four digits. */
export interface BeneficiaryRow {
  beneficiaryId: string;
  kind: string;
  name: string;
  commune: string;
  address: string | null;
  village: string | null;
  idLast4: string | null;
  categories: string[];
  lists: string[];
  registeredAt: string;
}

/** What the public sees of one distribution line: never an id number, address or contact. */
export interface PublicBeneficiaryRow {
  name: string;
  commune: string;
  need: string;
  amount: string | null;
  items: DistributionItem[] | null;
  /** The support level in words: the amount in VND, or the items. */
  level: string;
  campaignId: string | null;
  disbursementId: string;
}

/** A commune list as staff see it: its certification and counts. */
export interface ListRow {
  listId: string;
  commune: string;
  listKind: string;
  certificationRef: string;
  members: number;
  added: number;
  matched: number;
  rejected: number;
  importedBy: string;
  importedAt: string;
}

const rowOf = (entry: BeneficiaryState): BeneficiaryRow => ({
  beneficiaryId: entry.beneficiaryId, kind: entry.kind, name: entry.name, commune: entry.commune, address: entry.address, village: entry.village,
  idLast4: entry.idLast4, categories: [...entry.categories], lists: [...entry.lists], registeredAt: entry.registeredAt,
});

function campaignOf(disbursement: DisbursementState): string | null {
  if (disbursement.campaignId !== null) return disbursement.campaignId;
  return disbursement.restrictionId?.startsWith('campaign:') ? disbursement.restrictionId.slice('campaign:'.length) : null;
}

function levelOf(amount: string | null, items: DistributionItem[] | null): string {
  if (amount !== null) return `${amount} VND`;
  return (items ?? []).map((item) => `${item.quantity} ${item.unit} ${item.description}`).join('; ');
}

/**
 * Beneficiaries, distributions and coverage, read from the streams folded as the domain folds
 * them (brought up to the stream's end on every read): the registry and each fund's spending never
 * lag behind the log, and nothing here copies an id number or its hash into an answer.
 */
@Injectable()
export class BeneficiaryQueries {
  constructor(
    @Inject(FoldedStreams) private readonly streams: FoldedStreams,
    @Inject(ReadModels) private readonly readModels: ReadModels,
  ) {}

  fund(fundId: string): Promise<OpenFundState | undefined> {
    return openFund(this.streams, fundId);
  }

  registry(fundId: string): Promise<BeneficiaryRegistryState> {
    return this.streams.current(Streams.beneficiaries(fundId), REGISTRY);
  }

  spending(fundId: string): Promise<SpendingState> {
    return this.streams.current(Streams.spending(fundId), SPENDING);
  }

  /** The fund's spending as it stood at one log position, and that position (see FoldedStreams.atOnePosition). */
  async spendingAtOnePosition(fundId: string): Promise<{ value: SpendingState; position: number }> {
    const read = await this.streams.atOnePosition([Streams.spending(fundId)], () => this.spending(fundId), (spending) => spending);
    // The spending stream always folds to a state, so a read is always answered.
    return read as { value: SpendingState; position: number };
  }

  /**
   * The registry, or one list of it, filtered by a name fragment without diacritics; a page of it,
   * in registration order, with the log position it was read at. Undefined for a list not there.
   */
  async beneficiaries(fundId: string, filter: { listId?: string; q?: string; offset: number; limit: number }) {
    const read = await this.streams.atOnePosition([Streams.beneficiaries(fundId)], () => this.registry(fundId), (registry) => {
      const fragment = filter.q === undefined ? '' : foldText(filter.q);
      const ids = filter.listId === undefined ? [...registry.beneficiaries.keys()] : registry.lists.get(filter.listId)?.members;
      if (ids === undefined) return undefined;
      const matching = ids
        .map((id) => registry.beneficiaries.get(id))
        .filter((entry): entry is BeneficiaryState => entry !== undefined && (fragment === '' || foldText(entry.name).includes(fragment)));
      return { total: matching.length, beneficiaries: matching.slice(filter.offset, filter.offset + filter.limit).map(rowOf) };
    });
    return read?.value && { ...read.value, position: read.position };
  }

  /** Every commune list imported, with its counts, and the log position they were read at. */
  async lists(fundId: string): Promise<{ lists: ListRow[]; position: number }> {
    const read = await this.streams.atOnePosition([Streams.beneficiaries(fundId)], () => this.registry(fundId), (registry) => [...registry.lists.values()].map((list) => ({
      listId: list.listId, commune: list.commune, listKind: list.listKind, certificationRef: list.certificationRef, members: list.members.length,
      added: list.added, matched: list.matched, rejected: list.rejectedCount, importedBy: list.importedBy, importedAt: list.importedAt,
    })));
    // The registry always folds to a state, so a read is always answered.
    const { value, position } = read as { value: ListRow[]; position: number };
    return { lists: value, position };
  }

  /** A disbursement's distribution sheet: each line with its last hand-over, and the log position it was read at. */
  async distribution(fundId: string, disbursementId: string) {
    const read = await this.streams.atOnePosition([Streams.spending(fundId)], () => this.spending(fundId), (spending) => this.sheetOf(fundId, disbursementId, spending));
    return read?.value && { ...read.value, position: read.position };
  }

  private sheetOf(fundId: string, disbursementId: string, spending: SpendingState) {
    const disbursement = spending.disbursements.get(disbursementId);
    if (!disbursement) return undefined;
    return {
      fundId, disbursementId, status: disbursement.status, needCategory: disbursement.needCategory, campaignId: campaignOf(disbursement),
      requestedAt: disbursement.requestedAt, duplicateOverride: disbursement.duplicateOverride,
      reversal: disbursement.reversal ? {
        reversalId: disbursement.reversal.reversalId, reversedAt: disbursement.reversal.reversedAt, reason: disbursement.reversal.reason,
        givenBack: disbursement.reversal.givenBack.toFixed(),
      } : null,
      lines: disbursement.distribution.map((line) => {
        const handover = disbursement.handovers.get(line.beneficiaryId);
        const correction = disbursement.handoverCorrections.get(line.beneficiaryId);
        const returned = disbursement.moneyReturned.get(line.beneficiaryId);
        return {
          beneficiaryId: line.beneficiaryId, name: line.name, commune: line.commune, amount: line.amount, items: line.items,
          handover: handover ? { status: handover.status, handedOverAt: handover.handedOverAt, evidenceRef: handover.evidenceRef, recordedBy: handover.recordedBy, closed: handover.closed } : null,
          correction: correction ? {
            corrected: correction.corrected.status, handedOverAt: correction.corrected.handedOverAt, reason: correction.reason,
            correctedAt: correction.correctedAt, correctedBy: correction.correctedBy,
          } : null,
          moneyReturned: returned ? {
            amount: returned.amount.toFixed(), returnedAt: returned.returnedAt, evidenceRef: returned.evidenceRef, recordedBy: returned.recordedBy,
          } : null,
          withheld: disbursement.withheld.has(line.beneficiaryId),
        };
      }),
    };
  }

  /**
   * Who on a list got aid for a need and who did not: received means a hand-over recorded as
   * received on a request for that need (one rejected or reversed since counts only the shares
   * received before: goods handed over stay handed out), dated (Vietnam days) from `from` to `to`
   * when given.
   */
  async coverage(fundId: string, listId: string, need: string, from: string | null, to: string | null): Promise<CoverageAnswer | undefined> {
    const read = await this.streams.atOnePosition(
      [Streams.beneficiaries(fundId), Streams.spending(fundId)],
      async () => {
        const registry = await this.registry(fundId);
        const list = registry.lists.get(listId);
        return list ? { registry, list, spending: await this.spending(fundId) } : undefined;
      },
      ({ registry, list, spending }) => this.coverageAt(fundId, list, registry, spending, need, from, to),
    );
    return read && { ...read.value, position: read.position };
  }

  private coverageAt(
    fundId: string, list: { listId: string; commune: string; certificationRef: string; members: string[] }, registry: BeneficiaryRegistryState, spending: SpendingState,
    need: string, from: string | null, to: string | null,
  ): Omit<CoverageAnswer, 'position'> {
    const inRange = (iso: string) => {
      const day = vietnamDateOf(iso);
      return (from === null || day >= from) && (to === null || day <= to);
    };
    const received: CoverageEntry[] = [];
    const notReceived: CoverageEntry[] = [];
    for (const beneficiaryId of list.members) {
      const entry = registry.beneficiaries.get(beneficiaryId);
      if (!entry) continue;
      const coverage = this.coverageOf(entry, spending, need, inRange);
      (coverage.status === 'received' ? received : notReceived).push(coverage);
    }
    return {
      fundId, listId: list.listId, commune: list.commune, certificationRef: list.certificationRef, need, from, to, total: received.length + notReceived.length,
      receivedCount: received.length, notReceivedCount: notReceived.length, received, notReceived,
    };
  }

  private coverageOf(entry: BeneficiaryState, spending: SpendingState, need: string, inRange: (iso: string) => boolean): CoverageEntry {
    const base = { beneficiaryId: entry.beneficiaryId, name: entry.name, commune: entry.commune, village: entry.village, address: entry.address };
    let best: CoverageEntry = { ...base, status: 'none', disbursementId: null, handedOverAt: null, evidenceRef: null };
    const rank = { none: 0, planned: 1, refused: 2, absent: 3, received: 4 } as const;
    for (const aid of spending.aidByBeneficiary.get(entry.beneficiaryId) ?? []) {
      const disbursement = spending.disbursements.get(aid.disbursementId);
      if (!disbursement || aid.need !== need) continue;
      const handover = disbursement.handovers.get(entry.beneficiaryId);
      // A rejected or reversed request helped only those who took their share home before it was undone (goods stay handed out, R18).
      if ((disbursement.status === 'rejected' || disbursement.status === 'reversed') && handover?.status !== 'received') continue;
      const candidate: CoverageEntry = handover && inRange(handover.handedOverAt)
        ? { ...base, status: handover.status, disbursementId: aid.disbursementId, handedOverAt: vietnamTimestampOf(handover.handedOverAt), evidenceRef: handover.evidenceRef }
        : inRange(aid.requestedAt) ? { ...base, status: 'planned', disbursementId: aid.disbursementId, handedOverAt: null, evidenceRef: null } : best;
      if (rank[candidate.status] > rank[best.status]) best = candidate;
    }
    return best;
  }

  /**
   * In-kind stock (R12, R18), item by item: received in kind (donations not reversed, from the
   * donation register, which the caller has aligned), promised on standing distributions, handed
   * out (hand-overs received), on hand (received less handed out) and free to promise, as they
   * stood at log position `position`: the gifts recorded by then and not reversed by then, with
   * the spending state read at that position. Synchronous over the register: call it right after
   * aligning the register to `position` or past it.
   */
  stock(fundId: string, spending: SpendingState, position: number) {
    const received = new Map<string, StockItem>();
    const receivedByPool: StockByPool = new Map();
    const poolNames = new Map<string, { component: string; restrictionId: string | null; campaignId: string | null; purpose: string | null }>();
    const rows = this.readModels.db
      .prepare(`SELECT in_kind_json, component, restriction_id, campaign_id, restriction_purpose FROM ${DONATIONS_TABLE}
        WHERE fund_id = ? AND in_kind_json IS NOT NULL AND cash = 0 AND position <= ? AND (reversed_position IS NULL OR reversed_position > ?)
        ORDER BY position`)
      .all(fundId, position, position) as { in_kind_json: string; component: string; restriction_id: string | null; campaign_id: string | null; restriction_purpose: string | null }[];
    for (const row of rows) {
      const item = JSON.parse(row.in_kind_json) as { description: string; unit: string; quantity: string };
      addToStock(received, item.description, item.unit, item.quantity);
      const pool = poolKeyOf(row.component, row.restriction_id);
      addToPoolStock(receivedByPool, pool, item.description, item.unit, item.quantity);
      // A component's unrestricted stock is no campaign's, whichever campaign its first gift was for.
      if (!poolNames.has(pool)) {
        poolNames.set(pool, {
          component: row.component, restrictionId: row.restriction_id, campaignId: row.restriction_id === null ? null : row.campaign_id, purpose: row.restriction_purpose,
        });
      }
    }
    const items = stockLines(received, spending.itemsAllocated, spending.itemsHandedOut);
    // A pool's received counts the goods a reallocation moved in, less those it moved out (R19).
    for (const [pool, moved] of spending.itemsMovedByPool) {
      for (const item of moved.values()) addToPoolStock(receivedByPool, pool, item.description, item.unit, item.quantity);
    }
    const pools = [...new Set([...receivedByPool.keys(), ...spending.itemsAllocatedByPool.keys()])].sort().map((pool) => {
      const [component, ...restriction] = pool.split('#');
      // A pool only goods moved into has no gift to name it: a campaign's pool names its campaign.
      const restrictionId = restriction.length === 0 ? null : restriction.join('#');
      const named = poolNames.get(pool) ?? { component, restrictionId, campaignId: campaignOfMovement(null, restrictionId), purpose: null };
      const lines = stockLines(receivedByPool.get(pool) ?? new Map(), spending.itemsAllocatedByPool.get(pool) ?? new Map(), spending.itemsHandedOutByPool.get(pool) ?? new Map());
      return { pool, ...named, items: lines };
    }).filter((pool) => pool.items.length > 0);
    return { items, pools };
  }

  /**
   * The in-kind stock (see stock) at one log position, and that position. The log holds
   * `minPosition` once the donation register has reached it; the spending is then read at one
   * position past it, and the register's gifts are counted as they stood at that same position.
   * `alignRegister` waits until the donation register stands at a position at least the one it is
   * given (the caller's wait, which says how a register that lags is answered).
   */
  async stockAtOnePosition(fundId: string, minPosition: number | undefined, alignRegister: (minPosition: number | undefined) => Promise<unknown>) {
    await alignRegister(minPosition);
    const { value: spending, position } = await this.spendingAtOnePosition(fundId);
    await alignRegister(position);
    return { ...this.stock(fundId, spending, position), position };
  }

  /**
   * The in-kind stock as the log stood at `position` (a look-back by the log's clocks): the
   * spending stream folded to that position, the register's gifts recorded and not reversed by
   * then. The caller has aligned the donation register at or past `position`.
   */
  async stockAt(fundId: string, position: number) {
    const spending = await this.streams.asAt(Streams.spending(fundId), SPENDING, position);
    return { ...this.stock(fundId, spending, position), position };
  }

  /** Requests resent past DUPLICATE_AID: the reason, the earlier aid, and who approved them knowing it; with the log position they were read at. */
  async overrides(fundId: string) {
    const { value: spending, position } = await this.spendingAtOnePosition(fundId);
    const overrides = [...spending.disbursements.values()]
      .filter((disbursement) => disbursement.duplicateOverride !== null)
      .map((disbursement) => ({
        disbursementId: disbursement.disbursementId, status: disbursement.status, needCategory: disbursement.needCategory,
        requestedBy: disbursement.requestedBy, requestedAt: disbursement.requestedAt, reason: disbursement.duplicateOverride?.reason ?? '',
        earlier: disbursement.duplicateOverride?.earlier ?? [], approvedBy: [...disbursement.approvers],
      }));
    return { overrides, position };
  }

  /**
   * Who received aid, as the law asks it published (Decree 93/2021 Art. 14): a page of the lines of
   * every approved or paid distribution not closed as not delivered, with name, commune, need and
   * support level only; with the fund as it stood then and the log position it was read at.
   * Undefined for a fund that is not open. Rows are keyed by their request's order and their line,
   * so a walk through the pages shows each once; a request approved after the walk passed its
   * place is shown by the next walk.
   */
  async publicBeneficiaries(fundId: string, campaignId: string | null, page: PublicBeneficiaryPage): Promise<PublicBeneficiaries | undefined> {
    const read = await this.streams.atOnePosition(
      [Streams.fund(fundId), Streams.spending(fundId)],
      async () => {
        const fund = await this.fund(fundId);
        return fund && { fund, spending: await this.spending(fundId) };
      },
      ({ fund, spending }) => ({ fund, ...pageOf(publicBeneficiaryRows(spending, campaignId), page) }),
    );
    return read && { ...read.value, position: read.position };
  }
}

/** A page of the public list: of one commune or all, `limit` rows after the row keyed `after`. */
export interface PublicBeneficiaryPage {
  commune: string | null;
  limit: number;
  /** The key of the last row of the previous page: its distribution's order in the fund and its line. */
  after: readonly [number, number] | null;
}

export interface PublicBeneficiaries {
  fund: OpenFundState;
  rows: PublicBeneficiaryRow[];
  /** Rows of the list (of the commune, when one is asked), over every page. */
  total: number;
  /** Every commune of the list, in Vietnamese order: what the list may be narrowed to. */
  communes: string[];
  /** The key of the page's last row when more follow; null on the last page. */
  next: readonly [number, number] | null;
  position: number;
}

type KeyedRow = PublicBeneficiaryRow & { key: readonly [number, number] };

function pageOf(rows: readonly KeyedRow[], page: PublicBeneficiaryPage): Omit<PublicBeneficiaries, 'fund' | 'position'> {
  const communes = [...new Set(rows.map((row) => row.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
  const listed = page.commune === null ? rows : rows.filter((row) => row.commune === page.commune);
  const after = page.after;
  const start = after === null ? 0 : listed.findIndex(({ key }) => key[0] > after[0] || (key[0] === after[0] && key[1] > after[1]));
  const shown = start < 0 ? [] : listed.slice(start, start + page.limit);
  const more = start >= 0 && start + page.limit < listed.length;
  return {
    rows: shown.map(({ key: _key, ...row }) => row), total: listed.length, communes,
    next: more ? shown[shown.length - 1].key : null,
  };
}

/**
 * Each line of every approved or paid distribution (of one campaign, when given) not closed as not
 * delivered, and each share received of one rejected or reversed since.
 */
function publicBeneficiaryRows(spending: SpendingState, campaignId: string | null): KeyedRow[] {
  const rows: KeyedRow[] = [];
  // A row's key: its request's order among the fund's requests (they are never removed) and its line, stable across pages.
  let order = -1;
  for (const disbursement of spending.disbursements.values()) {
    order += 1;
    const standing = disbursement.status === 'approved' || disbursement.status === 'paid';
    const undone = disbursement.status === 'rejected' || disbursement.status === 'reversed';
    if ((!standing && !undone) || disbursement.needCategory === null) continue;
    const campaign = campaignOf(disbursement);
    if (campaignId !== null && campaign !== campaignId) continue;
    for (const [index, line] of disbursement.distribution.entries()) {
      // A share closed as not delivered is aid nobody received; of a request rejected or reversed, only the shares taken home before count.
      if (undone ? disbursement.handovers.get(line.beneficiaryId)?.status !== 'received' : disbursement.handovers.get(line.beneficiaryId)?.closed === true) continue;
      rows.push({
        name: line.name, commune: line.commune, need: disbursement.needCategory, amount: line.amount, items: line.items,
        level: levelOf(line.amount, line.items), campaignId: campaign, disbursementId: disbursement.disbursementId, key: [order, index],
      });
    }
  }
  return rows;
}

/**
 * Item by item: received in kind, promised on standing distributions, handed out (hand-overs
 * received), on hand (received less handed out) and free to promise (received less promised).
 * An item with nothing received, promised or handed out (its only gift reversed once no promise
 * held it) is no stock and has no line; the donation register keeps the gift and its reversal.
 */
function stockLines(received: ReadonlyMap<string, StockItem>, allocated: ReadonlyMap<string, StockItem>, handedOut: ReadonlyMap<string, StockItem>) {
  const keys = new Set([...received.keys(), ...allocated.keys(), ...handedOut.keys()]);
  const held = (key: string) => !quantityIn(received, key).isZero() || !quantityIn(allocated, key).isZero() || !quantityIn(handedOut, key).isZero();
  return [...keys].filter(held).sort().map((key) => {
    const named = received.get(key) ?? allocated.get(key) ?? handedOut.get(key);
    const inStock = quantityIn(received, key);
    const promised = quantityIn(allocated, key);
    const given = quantityIn(handedOut, key);
    return {
      description: named?.description ?? key, unit: named?.unit ?? '', received: inStock.toFixed(), allocated: promised.toFixed(),
      handedOut: given.toFixed(), onHand: inStock.minus(given).toFixed(), free: inStock.minus(promised).toFixed(),
    };
  });
}
