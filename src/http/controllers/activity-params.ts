import { validationFailed } from '../api-error';

/** How many lines the activity and imports lists give: `limit`, newest first. */
export const MAX_LINES = 100;
export const DEFAULT_LINES = 20;

/** `limit` of the activity and imports lists: 1 to MAX_LINES, default DEFAULT_LINES. */
export function linesParam(raw: unknown): number {
  if (raw === undefined) return DEFAULT_LINES;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,2}$/.test(raw) || Number(raw) > MAX_LINES) {
    throw validationFailed([{ field: 'limit', reason: `must be an integer from 1 to ${MAX_LINES}` }]);
  }
  return Number(raw);
}
