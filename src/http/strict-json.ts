import { validationFailed } from './api-error';
import { ValidationFailed } from './errors';
import { MAX_JSON_DEPTH } from './validation';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser of every route. Beyond JSON.parse it refuses what a client cannot have
 * meant: bytes that are not UTF-8 (never silently replaced), a key given twice in one object
 * (which of two amounts was meant?), and nesting deeper than MAX_JSON_DEPTH.
 */
export function parseStrictJson(body: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw validationFailed([{ field: '(body)', reason: 'is not valid UTF-8' }]);
  }
  // No body at all, though the client said JSON (a DELETE sent by some clients): a request without one, which the route then judges.
  if (text.trim() === '') return undefined;
  const structure = structureProblem(text);
  if (structure) throw validationFailed([structure]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationFailed([{ field: '(body)', reason: 'is not valid JSON' }], { reason: 'malformed-json', detail: (error as Error).message });
  }
}

/** One pass over the text, iterative: depth and duplicate keys, before anything recurses into it. */
function structureProblem(text: string): { field: string; reason: string } | undefined {
  const objects: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = objects[objects.length - 1];
      if (keys && expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return undefined; // JSON.parse reports the malformed text.
        }
        if (keys.has(key)) return { field: key, reason: 'is given more than once in the same object' };
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      objects.push(c === '{' ? new Set() : null);
      expectKey = c === '{';
      if (objects.length > MAX_JSON_DEPTH) return { field: '(body)', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    } else if (c === '}' || c === ']') {
      objects.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = objects[objects.length - 1] instanceof Set;
    }
  }
  return undefined;
}
