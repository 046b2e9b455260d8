'use strict';
/**
 * Starts the projection worker from its TypeScript source. Only used when the ledger itself runs
 * from source (jest with ts-jest, which transforms the main thread's modules but cannot reach
 * into a worker thread): compiled builds start dist/src/projection-runner/projection-worker.js
 * directly (see TableProjectionsWorker). Each .ts module the worker requires is transpiled on
 * load with the TypeScript compiler's transpileModule (no type check, as ts-jest's
 * isolatedModules does), so the worker always runs the sources the test runs, never a stale
 * build. The output is cached in the temporary folder under a hash of the file's path, size,
 * modification time and the compiler's version: the compiler is loaded only on a miss.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir, userInfo } = require('node:os');
const { join } = require('node:path');

const cacheDir = join(tmpdir(), `ctd-ledger-worker-ts-${userInfo().uid}`);
const typescriptVersion = require('typescript/package.json').version;
let typescript;

function transpiled(filename) {
  const stat = statSync(filename);
  const key = createHash('sha256').update(`${typescriptVersion}\0${filename}\0${stat.size}\0${stat.mtimeMs}`).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    typescript ??= require('typescript');
    const { outputText } = typescript.transpileModule(readFileSync(filename, 'utf8'), {
      compilerOptions: {
        module: typescript.ModuleKind.CommonJS, target: typescript.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, inlineSourceMap: true,
      },
      fileName: filename,
    });
    // Written under a name of its own, then renamed: another worker reads the whole file or none.
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const partial = `${cached}.${process.pid}.${require('node:worker_threads').threadId}`;
    writeFileSync(partial, outputText);
    renameSync(partial, cached);
    return outputText;
  }
}

require.extensions['.ts'] = (module, filename) => module._compile(transpiled(filename), filename);

require(join(__dirname, 'projection-worker.ts'));
