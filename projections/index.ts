import { BalanceProjection } from './balance.projection';
import type { Projection } from './projection';

/** Every projection the runner keeps up to date. */
export const ALL_PROJECTIONS: Projection<unknown>[] = [BalanceProjection as Projection<unknown>];
