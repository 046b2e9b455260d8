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

describe('the sources of installed packages a worker keeps for its later test files', () => {
  const { sharingPackageSources } = require('../support/code-cache-runtime') as {
    sharingPackageSources: (fileCache: { readFile: (filename: string) => string; readFileBuffer: (filename: string) => Buffer }) => void;
  };
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync, utimesSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { tmpdir } = require('node:os') as typeof import('node:os');

  /** A test file's own cache of sources, as jest makes one for each file. */
  const fileCache = () => {
    const cache = { readFile: (filename: string) => readFileSync(filename, 'utf8'), readFileBuffer: (filename: string) => readFileSync(filename) };
    sharingPackageSources(cache);
    return cache;
  };

  it('reads a package file again once it changed on disk (a run in band under --watch keeps the worker, and the package may be edited between runs)', () => {
    const root = mkdtempSync(join(tmpdir(), 'package-sources-'));
    try {
      const file = join(root, 'node_modules', 'some-package', 'index.js');
      mkdirSync(join(root, 'node_modules', 'some-package'), { recursive: true });
      writeFileSync(file, 'module.exports = 1;');
      expect(fileCache().readFile(file)).toBe('module.exports = 1;');
      expect(fileCache().readFile(file)).toBe('module.exports = 1;');
      writeFileSync(file, 'module.exports = 2; // patched');
      utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect(fileCache().readFile(file)).toBe('module.exports = 2; // patched');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
