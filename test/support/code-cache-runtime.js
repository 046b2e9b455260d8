// jest's runtime, keeping the code V8 compiles for each module a worker loads. Every test file
// loads the ledger's modules again into a fresh context (about 2,000 of them with Nest,
// class-validator and rxjs), and jest compiles each one from its source every time: a seventh of
// a file's CPU. A worker now compiles a module once and hands V8 that code for the later files
// (vm.compileFunction's cachedData). The data is kept by a hash of the file name and the source
// the transform produced, so a changed file compiles afresh; V8 refuses data that does not fit
// its own build and flags, and compiles anew then.
const { createHash } = require('node:crypto');
const { compileFunction } = require('node:vm');
const Runtime = require('jest-runtime').default;

/** The code V8 made of each module this worker compiled, by hash of file name and source. */
const compiledCode = new Map();

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // jest's module executor compiles each module (jest-runtime 30); a jest that has none runs as is.
    const executor = this.executor;
    if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) return;
    const compileAnew = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null) return compileAnew(source, filename);
      const key = createHash('sha256').update(filename).update('\0').update(source).digest('base64');
      const cachedData = compiledCode.get(key);
      let compiled;
      try {
        compiled = compileFunction(source, executor.injectedModuleParameters, {
          filename,
          parsingContext: context,
          cachedData,
          produceCachedData: cachedData === undefined,
          // import() in a module, answered as jest answers it.
          importModuleDynamically: (specifier, _function, attributes, phase) => executor.dynamicImport(specifier, filename, context, attributes, phase),
        });
      } catch {
        // jest's own compile reports a syntax error the way jest does.
        return compileAnew(source, filename);
      }
      if (cachedData === undefined && compiled.cachedData) compiledCode.set(key, compiled.cachedData);
      return compiled;
    };
  }
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
