import { foldText } from '../beneficiaries/beneficiaries.state';
import { dateOfVietnamDayNumber, vietnamDayNumber } from '../shared/calendar';
import { reject, type Decision } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import { lowestAvailableFrom, recordDated, type DatedNetsByPool, type LowestAvailable } from './dated-nets';
import { MoneyDecimal, ZERO } from '../money';
import type { SpendingState } from './spending.state';

/**
 * In-kind stock (R12, R18): items received in kind are counted by their description and unit,
 * folded (no case, diacritics or punctuation), so "Gạo tẻ, kg" on a donation and "gao te, KG" on a
 * distribution are the same item. Quantities are decimals, never JS numbers.
 */
export function stockKeyOf(description: string, unit: string): string {
  return `${foldText(description)}|${foldText(unit)}`;
}

export interface StockItem {
  description: string;
  unit: string;
  quantity: MoneyDecimal;
}

/** Adds `quantity` of an item to a stock map, keeping the first wording seen for it. */
export function addToStock(stock: Map<string, StockItem>, description: string, unit: string, quantity: MoneyDecimal | string): void {
  const key = stockKeyOf(description, unit);
  const held = stock.get(key);
  stock.set(key, { description: held?.description ?? description, unit: held?.unit ?? unit, quantity: (held?.quantity ?? ZERO).plus(quantity) });
}

export function quantityIn(stock: ReadonlyMap<string, StockItem>, key: string): MoneyDecimal {
  return stock.get(key)?.quantity ?? new MoneyDecimal(0);
}

/**
 * Items by the pool they belong to (`poolKeyOf(component, restrictionId)`), then by stock key.
 * Items given for a purpose or a disaster campaign are designated like money (R5): they are
 * handed out only on a distribution drawn from that pool.
 */
export type StockByPool = Map<string, Map<string, StockItem>>;

export function addToPoolStock(stock: StockByPool, pool: string, description: string, unit: string, quantity: MoneyDecimal | string): void {
  let items = stock.get(pool);
  if (!items) {
    items = new Map();
    stock.set(pool, items);
  }
  addToStock(items, description, unit, quantity);
}

function quantityInPool(stock: StockByPool, pool: string, key: string): MoneyDecimal {
  const items = stock.get(pool);
  return items === undefined ? new MoneyDecimal(0) : quantityIn(items, key);
}

/**
 * What of an item a pool may still promise: received in kind into that pool, plus or minus what
 * reallocations moved in or out, less its reversed donations, less what its standing distributions promised.
 */
export function freeStock(received: StockByPool, state: SpendingState, pool: string, key: string): MoneyDecimal {
  return quantityInPool(received, pool, key).plus(quantityInPool(state.itemsMovedByPool, pool, key))
    .minus(quantityInPool(state.inKindReversedByPool, pool, key)).minus(quantityInPool(state.itemsAllocatedByPool, pool, key));
}

/** The key of one item of one pool in the dated stock. */
export const datedStockKey = (pool: string, key: string) => `${pool}|${key}`;

/** Books a change of an item of a pool (received +, promised or reversed −, given back +) on the Vietnam day of `businessDate`. */
export function recordDatedStock(dated: DatedNetsByPool, pool: string, description: string, unit: string, businessDate: string, change: MoneyDecimal): void {
  recordDated(dated, datedStockKey(pool, stockKeyOf(description, unit)), businessDate, change);
}

/**
 * What a movement dated `businessDate` may take of an item of a pool: the least that is free at
 * the close of any day from that day on (R18). Items received later never go out on a
 * distribution dated earlier, and what later distributions promised stays covered, as money does.
 */
export function freeStockFrom(
  received: StockByPool, receivedDated: DatedNetsByPool, state: SpendingState, pool: string, key: string, businessDate: string,
): LowestAvailable {
  const dated = datedStockKey(pool, key);
  return lowestAvailableFrom(freeStock(received, state, pool, key), [receivedDated.get(dated), state.stockDated.get(dated)], vietnamDayNumber(businessDate));
}

/**
 * What a campaign holds of an item of its own from a business date on (R19): received in kind for
 * it, less what its distributions promised, its reversed gifts and the goods moved out of it, plus
 * those moved in, at the close of every day from that day on. A campaign without a pool of its own
 * keeps its goods in its component's stock, whose free stock says nothing of which are the campaign's.
 */
export function campaignStockFrom(receivedDated: DatedNetsByPool, state: SpendingState, campaignId: string, key: string, businessDate: string): LowestAvailable {
  const dated = datedStockKey(campaignId, key);
  const sources = [receivedDated.get(dated), state.stockDatedByCampaign.get(dated)];
  let now = new MoneyDecimal(0);
  for (const nets of sources) for (const change of nets?.byDay.values() ?? []) now = now.plus(change);
  return lowestAvailableFrom(now, sources, vietnamDayNumber(businessDate));
}

/** INSUFFICIENT_STOCK: the pool holds less of the item than asked, now or at the close of a day from the movement's date on. */
export function stockShortageRejection<Event>(
  item: string, unit: string, pool: string, free: LowestAvailable, requested: MoneyDecimal, campaignId?: string,
): Decision<Event> {
  const asOf = free.day === null ? undefined : dateOfVietnamDayNumber(free.day);
  // What a campaign holds of its own is never shown below nothing (its distributions may have handed out its component's goods too).
  const available = campaignId === undefined || free.amount.isPositive() ? free.amount : new MoneyDecimal(0);
  const details = {
    item, unit, pool, available: available.toFixed(), requested: requested.toFixed(), ...(asOf === undefined ? {} : { asOf }), ...(campaignId === undefined ? {} : { campaignId }),
  };
  const holder = campaignId === undefined ? `In-kind stock of pool ${pool}` : `Campaign ${campaignId}`;
  return reject(RejectionCode.INSUFFICIENT_STOCK,
    `${holder} holds ${details.available} ${unit} of ${item}${campaignId === undefined ? '' : ' of its own'}${asOf === undefined ? '' : ` at the close of ${asOf}`}, asked ${details.requested}`, details,
    campaignId === undefined ? undefined : { reason: 'campaign' });
}
