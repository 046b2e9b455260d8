import { foldText } from '../beneficiaries/beneficiaries.state';
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
 * What of an item a pool may still promise: received in kind into that pool, less its reversed
 * donations, less what its standing distributions promised.
 */
export function freeStock(received: StockByPool, state: SpendingState, pool: string, key: string): MoneyDecimal {
  return quantityInPool(received, pool, key).minus(quantityInPool(state.inKindReversedByPool, pool, key)).minus(quantityInPool(state.itemsAllocatedByPool, pool, key));
}
