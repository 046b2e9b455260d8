/**
 * A record's own entry. Ids are chosen by people, and `record[id]` for an id such as
 * "constructor" would return what every object inherits; only own entries are entries.
 */
export function ownEntry<Value>(record: Record<string, Value>, key: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
