import type { Balance } from './http-helpers';

interface PoolFigures {
  component: string;
  restrictionId: string | null;
  received: bigint;
  disbursed: bigint;
  held: bigint;
  outstandingEmergency: bigint;
}

/**
 * The test's own model of a fund's books, in whole dong (BigInt), written from api.md rather than
 * from the projection: what `GET /balance` must answer after each step.
 */
export class Books {
  private readonly pools = new Map<string, PoolFigures>();
  private readonly disbursements = new Map<string, { pool: string; amount: bigint; status: 'held' | 'paid' | 'gone' }>();
  private readonly releases = new Map<string, { pool: string; amount: bigint }>();
  inKindReceived = 0n;

  private pool(component: string, restrictionId: string | null = null): PoolFigures {
    const key = restrictionId === null ? component : `${component}#${restrictionId}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { component, restrictionId, received: 0n, disbursed: 0n, held: 0n, outstandingEmergency: 0n };
      this.pools.set(key, pool);
    }
    return pool;
  }

  private key(component: string, restrictionId: string | null): string {
    this.pool(component, restrictionId);
    return restrictionId === null ? component : `${component}#${restrictionId}`;
  }

  donate(amount: bigint, component: string, restrictionId: string | null = null): void {
    this.pool(component, restrictionId).received += amount;
  }

  inKind(amount: bigint): void {
    this.inKindReceived += amount;
  }

  reverseDonation(amount: bigint, component: string, restrictionId: string | null = null): void {
    this.pool(component, restrictionId).received -= amount;
  }

  request(id: string, amount: bigint, component: string, restrictionId: string | null = null): void {
    const pool = this.key(component, restrictionId);
    this.disbursements.set(id, { pool, amount, status: 'held' });
    this.pools.get(pool)!.held += amount;
  }

  reject(id: string): void {
    const d = this.disbursements.get(id)!;
    if (d.status !== 'held') throw new Error(`model: ${id} is not held`);
    this.pools.get(d.pool)!.held -= d.amount;
    d.status = 'gone';
  }

  pay(id: string): void {
    const d = this.disbursements.get(id)!;
    if (d.status !== 'held') throw new Error(`model: ${id} is not held`);
    const pool = this.pools.get(d.pool)!;
    pool.held -= d.amount;
    pool.disbursed += d.amount;
    d.status = 'paid';
  }

  reversePayment(id: string): void {
    const d = this.disbursements.get(id)!;
    if (d.status !== 'paid') throw new Error(`model: ${id} is not paid`);
    this.pools.get(d.pool)!.disbursed -= d.amount;
    d.status = 'gone';
  }

  release(id: string, amount: bigint, component: string, restrictionId: string | null = null): void {
    const pool = this.key(component, restrictionId);
    this.releases.set(id, { pool, amount });
    this.pools.get(pool)!.outstandingEmergency += amount;
  }

  settle(id: string, spent: bigint): void {
    const r = this.releases.get(id)!;
    const pool = this.pools.get(r.pool)!;
    pool.outstandingEmergency -= r.amount;
    pool.disbursed += spent;
  }

  availableOf(component: string, restrictionId: string | null = null): bigint {
    const p = this.pool(component, restrictionId);
    return p.received - p.disbursed - p.held - p.outstandingEmergency;
  }

  private static figures(p: Omit<PoolFigures, 'component' | 'restrictionId'>) {
    return {
      received: p.received.toString(),
      disbursed: p.disbursed.toString(),
      held: p.held.toString(),
      outstandingEmergency: p.outstandingEmergency.toString(),
      available: (p.received - p.disbursed - p.held - p.outstandingEmergency).toString(),
    };
  }

  /** Asserts a balance answer against the model: totals, each component, each restricted pool. */
  check(balance: Balance): void {
    const total = { received: 0n, disbursed: 0n, held: 0n, outstandingEmergency: 0n };
    for (const p of this.pools.values()) {
      total.received += p.received;
      total.disbursed += p.disbursed;
      total.held += p.held;
      total.outstandingEmergency += p.outstandingEmergency;
    }
    expect({
      currency: balance.currency,
      received: balance.received,
      disbursed: balance.disbursed,
      held: balance.held,
      outstandingEmergency: balance.outstandingEmergency,
      available: balance.available,
      inKindReceived: balance.inKindReceived,
    }).toEqual({ currency: 'VND', ...Books.figures(total), inKindReceived: this.inKindReceived.toString() });

    for (const p of this.pools.values()) {
      if (p.restrictionId === null) {
        expect({ component: p.component, ...balance.byComponent[p.component] }).toMatchObject({ component: p.component, ...Books.figures(p) });
      }
    }
    const expectedRestricted = [...this.pools.values()]
      .filter((p) => p.restrictionId !== null)
      .map((p) => ({ restrictionId: p.restrictionId, ...Books.figures(p) }))
      .sort((a, b) => String(a.restrictionId).localeCompare(String(b.restrictionId)));
    const actualRestricted = [...balance.restricted]
      .sort((a, b) => a.restrictionId.localeCompare(b.restrictionId))
      .map((r) => ({ restrictionId: r.restrictionId, received: r.received, disbursed: r.disbursed, held: r.held, outstandingEmergency: r.outstandingEmergency, available: r.available }));
    expect(actualRestricted).toEqual(expectedRestricted);
  }
}
