import { PositionWaiters } from '../../src/projection-runner/position-waiters';

describe('PositionWaiters', () => {
  let position = 0;
  const waiters = new PositionWaiters(() => position);

  it('answers at once when the position is already reached', async () => {
    position = 5;
    await expect(waiters.waitFor(5, 1000)).resolves.toBe(true);
  });

  it('resolves a waiter when the runner reaches its position, not before', async () => {
    position = 5;
    let settled: boolean | undefined;
    const waiting = waiters.waitFor(7, 10_000).then((reached) => (settled = reached));
    position = 6;
    waiters.release();
    await Promise.resolve();
    expect(settled).toBeUndefined();
    position = 7;
    waiters.release();
    await waiting;
    expect(settled).toBe(true);
  });

  it('answers false when time runs out, and releaseAll answers every waiter', async () => {
    position = 1;
    await expect(waiters.waitFor(2, 10)).resolves.toBe(false);
    const pending = waiters.waitFor(3, 10_000);
    waiters.releaseAll();
    await expect(pending).resolves.toBe(false);
  });
});
