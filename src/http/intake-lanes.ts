import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The Fastify route option that puts a route in the bulk lane (see {@link IntakeLanes}). */
export const BULK_INTAKE_ROUTE_CONFIG = 'ledgerBulkIntake';

/**
 * A route whose requests come by the thousand in an appeal (a donation recorded one by one, from a
 * bank's notifications or a data-entry team): they take the bulk lane, so they never hold up an
 * approval, a payment or an emergency release.
 */
export const BulkIntake = () => RouteConfig({ [BULK_INTAKE_ROUTE_CONFIG]: true });

/**
 * Two lanes into one event loop. In a turn of the loop, Node reads every socket that has data and
 * runs each request it completes up to its first wait, the group commit. With fifty donations in
 * flight, a disbursement arriving among them waited for all fifty (some 15 ms of CPU) and then for
 * their commit: six times its time alone.
 *
 * Here a bulk request only queues when it arrives. At most `perTurn` of them start in a turn, in
 * arrival order, from the loop's check phase (setImmediate), after `beforeSlice` has committed what
 * the turn queued. Every other request is interactive and starts when it arrives, so it waits for at
 * most one slice of bulk work, and its append is committed before the next slice starts. A slice
 * still fills a group commit, so a flood keeps its pace.
 */
export class IntakeLanes {
  private readonly waiting: (() => void)[] = [];
  private sliceScheduled = false;
  private admittedTotal = 0;

  constructor(
    private readonly perTurn: number,
    /** Runs before each slice starts: the store commits the appends queued meanwhile. */
    private readonly beforeSlice: () => void = () => {},
  ) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError(`bulk requests per turn must be a positive integer, not ${perTurn}`);
  }

  /** Queues a bulk request; `start` runs in a later slice, after every bulk request queued before it. */
  admitBulk(start: () => void): void {
    this.admittedTotal += 1;
    this.waiting.push(start);
    this.scheduleSlice();
  }

  /** Bulk requests waiting for their slice now, and every one admitted since the start. */
  counts(): { waiting: number; admitted: number } {
    return { waiting: this.waiting.length, admitted: this.admittedTotal };
  }

  private scheduleSlice(): void {
    if (this.sliceScheduled) return;
    this.sliceScheduled = true;
    setImmediate(this.slice);
  }

  private readonly slice = (): void => {
    this.sliceScheduled = false;
    this.beforeSlice();
    const starting = this.waiting.splice(0, this.perTurn);
    if (this.waiting.length > 0) this.scheduleSlice();
    for (const start of starting) start();
  };
}

/** Sends each request of a route marked {@link BulkIntake} through the bulk lane, once Fastify has matched its route. */
export function registerIntakeLanes(fastify: FastifyInstance, lanes: IntakeLanes): void {
  fastify.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    if ((request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[BULK_INTAKE_ROUTE_CONFIG] !== true) return done();
    lanes.admitBulk(() => done());
  });
}
