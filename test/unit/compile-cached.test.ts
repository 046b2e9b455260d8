import { createContext } from 'node:vm';

/** The compile step of the suite's jest runtime (test/support/code-cache-runtime.js). */
const { compileCached } = require('../support/compile-cached') as {
  compileCached: (
    cache: Map<string, Buffer>,
    source: string,
    filename: string,
    params: string[],
    options: { parsingContext: object },
  ) => ((...args: unknown[]) => unknown) & { cachedDataRejected?: boolean };
};

describe('a module compiled once per jest worker', () => {
  const source = 'exports.answer = function answer(n) { return n * 2 + 1; };';

  function load(compiled: (...args: unknown[]) => unknown): { answer: (n: number) => number } {
    const module = { exports: {} as { answer: (n: number) => number } };
    compiled(module, module.exports);
    return module.exports;
  }

  it('gives V8 the code it made for the same file name and source, in another context', () => {
    const cache = new Map<string, Buffer>();
    const first = compileCached(cache, source, '/suite/a.js', ['module', 'exports'], { parsingContext: createContext() });
    expect(cache.size).toBe(1);
    const second = compileCached(cache, source, '/suite/a.js', ['module', 'exports'], { parsingContext: createContext() });
    expect(second.cachedDataRejected).toBe(false);
    expect(cache.size).toBe(1);
    expect(load(first).answer(20)).toBe(41);
    expect(load(second).answer(20)).toBe(41);
  });

  it('compiles a changed file afresh, even when its source keeps the same length', () => {
    const cache = new Map<string, Buffer>();
    const changed = source.replace('n * 2 + 1', 'n * 3 - 1');
    expect(changed).toHaveLength(source.length);
    load(compileCached(cache, source, '/suite/a.js', ['module', 'exports'], { parsingContext: createContext() }));
    const after = compileCached(cache, changed, '/suite/a.js', ['module', 'exports'], { parsingContext: createContext() });
    expect(load(after).answer(20)).toBe(59);
    expect(cache.size).toBe(2);
  });

  it('keeps another file with the same source apart', () => {
    const cache = new Map<string, Buffer>();
    compileCached(cache, source, '/suite/a.js', ['module', 'exports'], { parsingContext: createContext() });
    compileCached(cache, source, '/suite/b.js', ['module', 'exports'], { parsingContext: createContext() });
    expect(cache.size).toBe(2);
  });
});
