import { oneRoundAtATime } from '../../web/src/offline/rounds';

/**
 * The staff app's outbox sends in rounds, one at a time in a tab (web/src/offline/outbox.ts). A
 * send asked for while a round runs (a command the coordinator just kept, "send now") must not be
 * answered by that round alone: when it fails, the command would wait for the 15 s retry.
 */
describe('outbox rounds: one at a time, none lost', () => {
  /** A round the test ends by hand, with the outcome it chooses. */
  function heldRounds() {
    const started: { end: (outcome: string) => void; fail: (error: Error) => void }[] = [];
    const request = oneRoundAtATime(() => new Promise<string>((resolve, reject) => started.push({ end: resolve, fail: reject })));
    return { request, started };
  }

  /** Lets every pending callback run (the rounds chain through promises only). */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('runs a round when none runs, and answers with its outcome', async () => {
    const { request, started } = heldRounds();
    const answer = request();
    await settle();
    expect(started).toHaveLength(1);
    started[0].end('done');
    await expect(answer).resolves.toBe('done');
    await settle();
    expect(started).toHaveLength(1);
  });

  it('runs one more round after a failing one for sends asked meanwhile, however many, and answers all with it', async () => {
    const { request, started } = heldRounds();
    const first = request();
    await settle();
    const meanwhile = [request(), request(), request()];
    await settle();
    expect(started).toHaveLength(1);
    started[0].end('offline');
    await settle();
    expect(started).toHaveLength(2);
    started[1].end('done');
    for (const answer of [first, ...meanwhile]) await expect(answer).resolves.toBe('done');
    await settle();
    expect(started).toHaveLength(2);
  });

  it('starts a follow-up only after the running round ended, never two rounds together', async () => {
    let running = 0;
    let most = 0;
    const ends: (() => void)[] = [];
    const request = oneRoundAtATime(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => ends.push(resolve));
      running -= 1;
      return 'done';
    });
    const answers = [request()];
    for (let round = 0; round < 3; round += 1) {
      await settle();
      answers.push(request());
      ends[round]();
    }
    await settle();
    ends[3]();
    await Promise.all(answers);
    expect(ends).toHaveLength(4);
    expect(most).toBe(1);
  });

  it('runs the follow-up even when the running round threw, and a lone round that throws rejects its callers', async () => {
    const { request, started } = heldRounds();
    const first = request();
    await settle();
    const meanwhile = request();
    started[0].fail(new Error('IndexedDB closed'));
    await settle();
    started[1].end('done');
    await expect(first).resolves.toBe('done');
    await expect(meanwhile).resolves.toBe('done');

    const lone = request();
    await settle();
    started[2].fail(new Error('IndexedDB closed'));
    await expect(lone).rejects.toThrow('IndexedDB closed');
    const next = request();
    await settle();
    expect(started).toHaveLength(4);
    started[3].end('offline');
    await expect(next).resolves.toBe('offline');
  });

  it('clears itself when a round throws before its first await', async () => {
    let calls = 0;
    const request = oneRoundAtATime((): Promise<string> => {
      calls += 1;
      if (calls === 1) throw new Error('no IndexedDB');
      return Promise.resolve('done');
    });
    await expect(request()).rejects.toThrow('no IndexedDB');
    await expect(request()).resolves.toBe('done');
  });
});
