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

/** What of an item is still free to promise: received in kind, less reversed donations, less standing distributions. */
export function freeStock(received: ReadonlyMap<string, StockItem>, state: SpendingState, key: string): MoneyDecimal {
  return quantityIn(received, key).minus(quantityIn(state.inKindReversed, key)).minus(quantityIn(state.itemsAllocated, key));
}
