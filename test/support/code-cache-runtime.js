// jest's runtime, keeping the code V8 compiles for each module a worker loads. Every test file
// loads the ledger's modules again into a fresh context (about 2,000 of them with Nest,
// class-validator and rxjs), and jest compiles each one from its source every time: a seventh of
// a file's CPU. Here a worker compiles a module once and hands V8 that code for its later files
// (vm.compileFunction's cachedData; see compile-cached.js for the key). V8 refuses data that does
// not fit its own build and flags, and compiles anew then.
const Runtime = require('jest-runtime').default;
const { statSync } = require('node:fs');
const { compileCached } = require('./compile-cached');

/** The code V8 made of each module this worker compiled, by hash of file name and source. */
const compiledCode = new Map();

/**
 * The sources of the installed packages this worker has read, by path, with the size and time of
 * change they were read at: jest reads each of a package's files again for every test file (its
 * file cache lives as long as one file), about 1,700 of them for a file that starts the ledger. A
 * file whose size or time of change differs is read again: a worker run in band lives on across
 * the runs of --watch, and a package may be patched or reinstalled between them.
 */
const packageSources = new Map();
const IN_PACKAGE = `${require('node:path').sep}node_modules${require('node:path').sep}`;

/** Reads a package's sources through the worker's cache, and every other file through jest's own. */
function sharingPackageSources(fileCache) {
  const readFile = fileCache.readFile.bind(fileCache);
  /** What this test file read already: each package file is looked at on disk once per file. */
  const seen = new Map();
  fileCache.readFile = (filename) => {
    if (!filename.includes(IN_PACKAGE)) return readFile(filename);
    let source = seen.get(filename);
    if (source !== undefined) return source;
    const stat = statSync(filename, { throwIfNoEntry: false });
    // A file gone: jest's own read reports it.
    if (stat === undefined) return readFile(filename);
    const kept = packageSources.get(filename);
    if (kept !== undefined && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs) {
      source = kept.source;
    } else {
      source = readFile(filename);
      packageSources.set(filename, { source, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    seen.set(filename, source);
    return source;
  };
  // jest.resetModules() empties the file's cache: the package files are looked at again too.
  if (typeof fileCache.clear === 'function') {
    const clear = fileCache.clear.bind(fileCache);
    fileCache.clear = () => {
      seen.clear();
      clear();
    };
  }
}

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // jest 30's per-file cache of sources; a jest without it reads files its own way.
    if (typeof this.fileCache?.readFile === 'function' && typeof this.fileCache.readFileBuffer === 'function') sharingPackageSources(this.fileCache);
    // jest's module executor compiles each module (jest-runtime 30); a jest that has none runs as is.
    const executor = this.executor;
    if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) return;
    const compileAnew = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      // A disposed environment, or a core module's name (jest renames its script): jest's own way.
      if (context == null || executor.resolution?.isCoreModule?.(filename) !== false) return compileAnew(source, filename);
      try {
        return compileCached(compiledCode, source, filename, executor.injectedModuleParameters, {
          parsingContext: context,
          // import() in a module, answered as jest answers it.
          importModuleDynamically: (specifier, _function, attributes, phase) => executor.dynamicImport(specifier, filename, context, attributes, phase),
        });
      } catch {
        // jest's own compile reports a syntax error the way jest does.
        return compileAnew(source, filename);
      }
    };
  }
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
module.exports.sharingPackageSources = sharingPackageSources;
