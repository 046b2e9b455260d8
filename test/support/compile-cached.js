const { createHash } = require('node:crypto');
const { compileFunction } = require('node:vm');

/**
 * vm.compileFunction, handing V8 the code it made the last time it compiled this file name with
 * this exact source (`cache`: key → cachedData). The key hashes the name and the whole source:
 * V8 checks cached data only against the source's length, so a file that changed to a source of
 * the same length must not find the old code. `options` are compileFunction's other options.
 */
function compileCached(cache, source, filename, params, options) {
  const key = createHash('sha256').update(filename).update('\0').update(source).digest('base64');
  const cachedData = cache.get(key);
  const compiled = compileFunction(source, params, { ...options, filename, cachedData, produceCachedData: cachedData === undefined });
  // Copied into this module's own realm: the data V8 hands back is a Buffer of the test file's
  // context, and keeping it would keep that whole context (every module the file loaded).
  if (cachedData === undefined && compiled.cachedData) cache.set(key, Buffer.from(compiled.cachedData));
  return compiled;
}

module.exports = { compileCached };
