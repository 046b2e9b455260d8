import type { StoredEvent } from '../../src/event-store/event-store.port';
import { SharedLogPages } from '../../src/event-store/sqlite/shared-log-pages';

/** A log of events at the given positions, and a counter of the reads that reach it. */
function logAt(positions: number[]) {
  const events = positions.map((position) => ({ position, streamId: 's', revision: position - 1 }) as unknown as StoredEvent);
  const reads: [number, number, number][] = [];
  const read = (after: number, upTo: number, limit: number): StoredEvent[] => {
    reads.push([after, upTo, limit]);
    return events.filter((event) => event.position > after && event.position <= upTo).slice(0, limit);
  };
  return { events, reads, read };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const positionsOf = (events: StoredEvent[]): number[] => events.map((event) => event.position);

describe('SharedLogPages', () => {
  it('reads a complete page once for every reader that catches up through it', () => {
    const log = logAt(range(1, 2500));
    const pages = new SharedLogPages(1000, 8, log.read);
    for (let reader = 0; reader < 5; reader++) {
      expect(positionsOf(pages.readAfter(0, 1000))).toEqual(range(1, 1000));
      expect(positionsOf(pages.readAfter(1000, 1000))).toEqual(range(1001, 2000));
    }
    expect(log.reads).toEqual([[0, 1000, 1000], [1000, 2000, 1000]]);
  });

  it('keeps the beginning of the page at the head of the log, and extends it as commits add to it', () => {
    const log = logAt(range(1, 2500));
    const pages = new SharedLogPages(1000, 8, log.read);
    expect(positionsOf(pages.readAfter(2000, 1000))).toEqual(range(2001, 2500));
    // Another reader at the same place: from what is kept.
    expect(positionsOf(pages.readAfter(2000, 1000))).toEqual(range(2001, 2500));
    expect(log.reads).toHaveLength(1);
    log.events.push(...range(2501, 2600).map((position) => ({ position }) as unknown as StoredEvent));
    // A reader past what is kept reads the rest, which is kept in turn.
    expect(positionsOf(pages.readAfter(2500, 1000))).toEqual(range(2501, 2600));
    expect(log.reads).toHaveLength(2);
    expect(positionsOf(pages.readAfter(2000, 1000))).toEqual(range(2001, 2600));
    expect(positionsOf(pages.readAfter(2550, 1000))).toEqual(range(2551, 2600));
    expect(log.reads).toHaveLength(2);
  });

  it('keeps nothing of a page read past a gap, nor of a read that does not start where the kept part ends', () => {
    const log = logAt([...range(1, 10), ...range(13, 20)]);
    const pages = new SharedLogPages(1000, 8, log.read);
    expect(positionsOf(pages.readAfter(5, 1000))).toEqual([...range(6, 10), ...range(13, 20)]);
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual([...range(1, 10), ...range(13, 20)]);
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual([...range(1, 10), ...range(13, 20)]);
    expect(log.reads).toHaveLength(3);
  });

  it('keeps nothing read while the store says its reads may include uncommitted rows', () => {
    const log = logAt(range(1, 1500));
    let committed = false;
    const pages = new SharedLogPages(1000, 8, log.read, () => committed);
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual(range(1, 1000));
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual(range(1, 1000));
    expect(log.reads).toHaveLength(2);
    committed = true;
    pages.readAfter(0, 1000);
    pages.readAfter(0, 1000);
    expect(log.reads).toHaveLength(3);
  });

  it('reads from the middle of a page to its end only, so the next read is aligned and shared', () => {
    const log = logAt(range(1, 3000));
    const pages = new SharedLogPages(1000, 8, log.read);
    expect(positionsOf(pages.readAfter(1234, 1000))).toEqual(range(1235, 2000));
    expect(positionsOf(pages.readAfter(2000, 1000))).toEqual(range(2001, 3000));
    expect(positionsOf(pages.readAfter(2500, 1000))).toEqual(range(2501, 3000));
    expect(log.reads).toEqual([[1234, 2000, 766], [2000, 3000, 1000]]);
  });

  it('reads on past a gap that empties the rest of a page, instead of reporting the end of the log', () => {
    const log = logAt([...range(1, 500), ...range(1700, 1800)]);
    const pages = new SharedLogPages(1000, 8, log.read);
    expect(positionsOf(pages.readAfter(500, 1000))).toEqual(range(1700, 1800));
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual(range(1, 500));
  });

  it('keeps at most pagesKept pages, the most recently used', () => {
    const log = logAt(range(1, 5000));
    const pages = new SharedLogPages(1000, 2, log.read);
    pages.readAfter(0, 1000);
    pages.readAfter(1000, 1000);
    pages.readAfter(0, 1000); // page 0 used again: page 1 is now the oldest
    pages.readAfter(2000, 1000);
    const before = log.reads.length;
    pages.readAfter(0, 1000);
    pages.readAfter(2000, 1000);
    expect(log.reads).toHaveLength(before);
    pages.readAfter(1000, 1000);
    expect(log.reads).toHaveLength(before + 1);
  });

  it('hands each reader an array of its own: appending to it leaves the kept page as it was', () => {
    const log = logAt(range(1, 2000));
    const pages = new SharedLogPages(1000, 8, log.read);
    const first = pages.readAfter(0, 1000);
    first.push({ position: 99_999 } as unknown as StoredEvent);
    const second = pages.readAfter(0, 1000);
    second.push({ position: 88_888 } as unknown as StoredEvent);
    expect(positionsOf(pages.readAfter(0, 1000))).toEqual(range(1, 1000));
  });
});
