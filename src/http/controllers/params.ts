import { SLUG_PATTERN } from '../../domain/streams';
import { validationFailed } from '../api-error';

export function slugParam(name: string, raw: string): string {
  if (!SLUG_PATTERN.test(raw)) throw validationFailed([{ field: name, reason: 'must be a lowercase slug' }]);
  return raw;
}

export const fundParam = (raw: string) => slugParam('fundId', raw);

const ENTRY_ID = /^[A-Z]{2}-[0-9-]{1,20}$/;

export function entryParam(name: string, raw: string): string {
  if (!ENTRY_ID.test(raw)) throw validationFailed([{ field: name, reason: 'is not an id of this ledger' }]);
  return raw;
}
