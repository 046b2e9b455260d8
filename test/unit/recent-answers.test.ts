import { RecentAnswers } from '../../src/read-side/public-fund-facts';

/** The public site's reads give a recent answer again for a few seconds, never one older than a caller asked for. */
describe('RecentAnswers', () => {
  it('computes once per position, gives a recent answer again, and computes anew when it is too old or too early', () => {
    const answers = new RecentAnswers<string>(5_000, 2);
    let computed = 0;
    const compute = (label: string) => () => {
      computed += 1;
      return label;
    };
    expect(answers.get('fund', 10, undefined, 0, compute('at 10'))).toEqual({ value: 'at 10', position: 10 });
    expect(answers.get('fund', 10, undefined, 60_000, compute('again'))).toEqual({ value: 'at 10', position: 10 });
    // The log moved on: within 5 s the answer at 10 is given again, stating its position.
    expect(answers.get('fund', 12, undefined, 60_000 + 4_999, compute('at 12'))).toEqual({ value: 'at 10', position: 10 });
    // Unless the caller needs 11 or later.
    expect(answers.get('fund', 12, 11, 60_000 + 4_999, compute('at 12'))).toEqual({ value: 'at 12', position: 12 });
    // Or the answer is older than 5 s.
    expect(answers.get('fund', 13, undefined, 60_000 + 4_999 + 5_000, compute('at 13'))).toEqual({ value: 'at 13', position: 13 });
    expect(computed).toBe(3);
    // At most two keys are kept: the oldest goes first.
    answers.get('a', 13, undefined, 70_000, compute('a'));
    answers.get('b', 13, undefined, 70_000, compute('b'));
    expect(answers.get('fund', 13, undefined, 70_000, compute('fund again')).value).toBe('fund again');
  });
});
