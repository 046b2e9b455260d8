import { MoneyDecimal } from '../../src/domain/money';
import type { Decision } from '../../src/domain/shared/decision';
import { accept, reject } from '../../src/domain/shared/decision';
import { Scenario, snapshot, type DeciderUnderTest } from './given-when-then';

/** A counter decider, to show that the helper itself catches impure or nondeterministic deciders. */
type CounterEvent = { type: 'Incremented'; by: number };
type CounterState = { total: number; seen: number[] };
type CounterCommand = { type: 'Increment'; by: number };
const incremented = (by: number): CounterEvent => ({ type: 'Incremented', by });

const fold = (events: CounterEvent[]): CounterState =>
  events.reduce((state, event) => ({ total: state.total + event.by, seen: [...state.seen, event.by] }), { total: 0, seen: [] as number[] });

const pure: DeciderUnderTest<CounterCommand, CounterEvent, CounterState, undefined> = {
  fold,
  decide: (command, state): Decision<CounterEvent> =>
    state.total + command.by > 10
      ? reject('INSUFFICIENT_FUNDS', `Pool counter has ${10 - state.total} VND available, ${command.by} requested`, {
        pool: 'counter', available: String(10 - state.total), requested: String(command.by),
      })
      : accept({ type: 'Incremented', by: command.by }),
};

describe('given/when/then helper', () => {
  it('folds the given events and compares the decision exactly', () => {
    new Scenario(pure, [incremented(4)], () => undefined).when({ type: 'Increment', by: 6 }).then(incremented(6));
  });

  it('reports rejections by code', () => {
    new Scenario(pure, [incremented(4)], () => undefined).when({ type: 'Increment', by: 7 }).thenRejects('INSUFFICIENT_FUNDS');
  });

  it('fails a rejection the message catalogue does not word as the decider did', () => {
    const unworded: typeof pure = { fold, decide: () => reject('INSUFFICIENT_FUNDS', 'over ten') };
    expect(() => new Scenario(unworded, [], () => undefined).when({ type: 'Increment', by: 1 }).thenRejects('INSUFFICIENT_FUNDS')).toThrow(/over ten/);
  });

  it('fails a decider that changes its state while deciding', () => {
    const mutating: typeof pure = {
      fold,
      decide: (command, state) => {
        state.seen.push(command.by);
        return accept({ type: 'Incremented', by: command.by });
      },
    };
    expect(() => new Scenario(mutating, [], () => undefined).when({ type: 'Increment', by: 1 })).toThrow(/Impure decider/);
  });

  it('fails a decider that changes the context it looked up', () => {
    const context = { limit: 10 };
    const mutating: DeciderUnderTest<CounterCommand, CounterEvent, CounterState, { limit: number }> = {
      fold,
      decide: (command, _state, ctx) => {
        ctx.limit -= command.by;
        return accept({ type: 'Incremented', by: command.by });
      },
    };
    expect(() => new Scenario(mutating, [], () => context).when({ type: 'Increment', by: 1 })).toThrow(/Impure decider/);
  });

  it('fails a decider whose answer changes from one call to the next', () => {
    let calls = 0;
    const flaky: typeof pure = { fold, decide: (command) => accept({ type: 'Incremented', by: command.by + calls++ }) };
    expect(() => new Scenario(flaky, [], () => undefined).when({ type: 'Increment', by: 1 })).toThrow(/Nondeterministic decider/);
  });

  it('fails when the events differ from those expected', () => {
    const outcome = new Scenario(pure, [], () => undefined).when({ type: 'Increment', by: 2 });
    expect(() => outcome.then(incremented(3))).toThrow();
    expect(() => outcome.thenRejects('INSUFFICIENT_FUNDS')).toThrow();
  });

  it('snapshots maps, sets and decimals structurally', () => {
    expect(snapshot(new Map([['a', new MoneyDecimal('1.50')]]))).toEqual({ '<Map>': [['a', { '<Decimal>': '1.5' }]] });
    expect(snapshot(new Set([1]))).toEqual({ '<Set>': [1] });
    expect(snapshot({ b: 1, a: [2] })).toEqual({ a: [2], b: 1 });
  });
});
