import { needsReview, type ImportRecord } from '../../import/import-log';
import type { ActivityLine } from '../../read-side/fund-activity';

/** People by user id, as the answers name them: their names, null for one no longer known. */
export type UserNames = ReadonlyMap<string, string>;

const person = (userId: string, names: UserNames) => ({ userId, name: names.get(userId) ?? null });

/** A line of the fund's recent activity, with who recorded it by name. */
export function presentActivityLine({ actorUserId, ...line }: ActivityLine, names: UserNames) {
  return { ...line, actor: person(actorUserId, names) };
}

/**
 * An import as the worklist shows it: its people by name, and whether it still needs another
 * look. The answer kept for a keyed import's retry, its key and its request's hash are its
 * sender's, never the dashboard's.
 */
export function presentImportRecord(record: ImportRecord, names: UserNames) {
  const { fundId: _fund, importedBy, idempotencyKey: _key, requestHash: _hash, answer: _answer, reviewed, ...rest } = record;
  return {
    ...rest, importedBy: person(importedBy, names), needsReview: needsReview(record),
    reviewed: reviewed === undefined ? null : { by: person(reviewed.by, names), at: reviewed.at, note: reviewed.note },
  };
}
