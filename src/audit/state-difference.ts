import { canonicalJson } from '../shared/canonical-json';

export interface StateDifference {
  /** JSON Pointer (RFC 6901) of the first differing value, e.g. `/funds/ctd-hcm/received`. */
  path: string;
  /** undefined where the value is missing on that side. */
  live: unknown;
  replayed: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } | Json[] {
  return typeof value === 'object' && value !== null;
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The shallowest difference between two JSON values, keys in sorted order, so a fund's total is
 * named before the pool figures that add up to it. Breadth-first: the queue holds one level.
 */
export function firstDifference(live: unknown, replayed: unknown): StateDifference | undefined {
  let level: { path: string; live: Json | undefined; replayed: Json | undefined }[] = [
    { path: '', live: live as Json, replayed: replayed as Json },
  ];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const pair of level) {
      const bothContainers = isObject(pair.live) && isObject(pair.replayed) && Array.isArray(pair.live) === Array.isArray(pair.replayed);
      if (!bothContainers) {
        if (!sameJson(pair.live, pair.replayed)) return pair;
        continue;
      }
      const liveNode = pair.live as Record<string, Json>;
      const replayedNode = pair.replayed as Record<string, Json>;
      const keys = [...new Set([...Object.keys(liveNode), ...Object.keys(replayedNode)])].sort();
      for (const key of keys) {
        next.push({ path: `${pair.path}/${pointerToken(key)}`, live: liveNode[key], replayed: replayedNode[key] });
      }
    }
    level = next;
  }
  return undefined;
}

/** Equal as canonical JSON; a value missing on one side differs from anything present on the other. */
function sameJson(live: Json | undefined, replayed: Json | undefined): boolean {
  if (live === undefined || replayed === undefined) return live === replayed;
  return canonicalJson(live) === canonicalJson(replayed);
}
