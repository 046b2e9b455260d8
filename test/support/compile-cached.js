const { createHash } = require('node:crypto');
const { compileFunction } = require('node:vm');

/** The last key worked out for each file name, with the source it was worked out from. */
const lastKeys = new Map();

/**
 * The hash of the file name and the whole source. A file read again with the same source (the
 * same string, or an equal one: a comparison of bytes, far cheaper than hashing them) has the key
 * it had.
 */
function keyOf(filename, source) {
  const last = lastKeys.get(filename);
  if (last !== undefined && last.source === source) return last.key;
  const key = createHash('sha256').update(filename).update('\0').update(source).digest('base64');
  lastKeys.set(filename, { source, key });
  return key;
}

/**
 * vm.compileFunction, handing V8 the code it made the last time it compiled this file name with
 * this exact source (`cache`: key → cachedData). The key hashes the name and the whole source:
 * V8 checks cached data only against the source's length, so a file that changed to a source of
 * the same length must not find the old code. `options` are compileFunction's other options.
 */
function compileCached(cache, source, filename, params, options) {
  const key = keyOf(filename, source);
  const cachedData = cache.get(key);
  const compiled = compileFunction(source, params, { ...options, filename, cachedData, produceCachedData: cachedData === undefined });
  // Copied into this module's own realm: the data V8 hands back is a Buffer of the test file's
  // context, and keeping it would keep that whole context (every module the file loaded).
  if (cachedData === undefined && compiled.cachedData) cache.set(key, Buffer.from(compiled.cachedData));
  return compiled;
}

module.exports = { compileCached };
