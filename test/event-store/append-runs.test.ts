/**
 * appendRuns: how a batch of independent items goes to a store that limits one append's size
 * (EventStoreDB's MaxAppendSize) in consecutive runs, each under the limit, in order.
 */
import { appendBytesOf, appendRuns } from '../../src/event-store/append-rules';
import { anEvent } from './event-store.contract';

const weighing = (bytes: number) => anEvent({ data: { note: 'x'.repeat(bytes) } });

describe('appendRuns', () => {
  it('keeps everything in one run when the store sets no limit', () => {
    const events = Array.from({ length: 5 }, () => weighing(1_000));
    expect(appendRuns(events, undefined)).toEqual([events]);
  });

  it('cuts the events, in order, into runs that each weigh at most the limit, as full as they can be', () => {
    const events = Array.from({ length: 10 }, () => weighing(1_000));
    const weight = appendBytesOf(events[0]);
    const runs = appendRuns(events, weight * 3 + 1);
    expect(runs.map((run) => run.length)).toEqual([3, 3, 3, 1]);
    expect(runs.flat()).toEqual(events);
    for (const run of runs) expect(run.reduce((sum, event) => sum + appendBytesOf(event), 0)).toBeLessThanOrEqual(weight * 3 + 1);
  });

  it('puts an event heavier than the limit in a run of its own, for the store to refuse', () => {
    const light = weighing(10);
    const heavy = weighing(10_000);
    expect(appendRuns([light, heavy, light], 5_000)).toEqual([[light], [heavy], [light]]);
  });
});
