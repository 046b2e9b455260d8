/** A member written into an object's JSON text as is: a key JSON.stringify would never write (a duplicate, `__proto__`). */
export interface RawMember {
  /** Dotted path of the object that gets the member; '' for the body itself. */
  at: string;
  key: string;
  /** The value, as JSON text (or any text, for malformed documents). */
  valueJson: string;
  where: 'first' | 'last';
}

/**
 * JSON.stringify with extra members spliced into chosen objects. Objects are written with
 * their keys in insertion order, so the output equals JSON.stringify when no member is added.
 */
export function jsonWithMembers(value: unknown, members: RawMember[], path = ''): string {
  if (Array.isArray(value)) return `[${value.map((item) => jsonWithMembers(item, [], '')).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const own = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => `${JSON.stringify(key)}:${jsonWithMembers(v, members, path === '' ? key : `${path}.${key}`)}`);
  const here = members.filter((member) => member.at === path);
  const raw = (where: 'first' | 'last') => here.filter((member) => member.where === where).map((member) => `${JSON.stringify(member.key)}:${member.valueJson}`);
  return `{${[...raw('first'), ...own, ...raw('last')].join(',')}}`;
}

/** Sets (or with REMOVE deletes) the value at a dotted path of a deep copy. */
export const REMOVE = Symbol('remove');

export function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
