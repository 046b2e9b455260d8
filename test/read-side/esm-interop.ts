// A copy of test/http/support/esm-interop.ts, so the read-side suites do not depend on another suite's folder.
/**
 * Work-around, not a fix: @fastify/static 10 (loaded by SwaggerModule.setup → useStaticAssets)
 * requires `content-disposition` 3, an ES module. Node ≥ 20.19 can require() it, but Jest's own
 * module loader cannot before Node 24.9, so without this every startTestLedger() call makes
 * Nest's loadPackage() call process.exit(1). When the real module loads (jest.config.js learns
 * to transform it, or Node/Jest are upgraded), this does nothing.
 *
 * Import this module first in every e2e suite, before the app is created.
 */
import { readFileSync } from 'node:fs';

function loadsUnderJest(moduleName: string): boolean {
  try {
    jest.requireActual(moduleName);
    return true;
  } catch {
    return false;
  }
}

if (!loadsUnderJest('content-disposition')) {
  jest.mock('content-disposition', () => {
    // The package's own code, with its `export` keywords removed, evaluated as a CommonJS body.
    const file = require.resolve('content-disposition');
    const source = readFileSync(file, 'utf8').replace(/^export (function|const|class) /gm, '$1 ');
    const names = [...readFileSync(file, 'utf8').matchAll(/^export (?:function|const|class) ([A-Za-z0-9_$]+)/gm)].map((m) => m[1]);
    const exported: Record<string, unknown> = {};
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('exports', `"use strict";\n${source}\n${names.map((n) => `exports.${n} = ${n};`).join('\n')}`)(exported);
    return exported;
  });
}
