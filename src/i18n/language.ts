/**
 * The languages the ledger speaks to people: Vietnamese, the chapter's own, by default, and
 * English when a client or an operator prefers it. Only messages change; codes and details never do.
 */
export type Language = 'vi' | 'en';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
export const DEFAULT_LANGUAGE: Language = 'vi';

interface Preference {
  language: Language | '*';
  quality: number;
  order: number;
}

function preferenceOf(part: string, order: number): Preference | undefined {
  const [rawTag, ...parameters] = part.split(';').map((piece) => piece.trim());
  const primary = rawTag.toLowerCase().split('-')[0];
  if (primary !== 'vi' && primary !== 'en' && primary !== '*') return undefined;
  let quality = 1;
  for (const parameter of parameters) {
    const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(parameter);
    // A malformed weight makes the entry unusable rather than guessed at.
    if (/^q\s*=/i.test(parameter)) quality = match ? Math.min(Number(match[1]), 1) : 0;
  }
  return { language: primary, quality, order };
}

/**
 * The language of an answer from its `Accept-Language` header (RFC 9110 §12.5.4): the supported
 * language with the highest weight, the earlier one on a tie; `*` stands for the default; a
 * language weighted q=0 is never chosen; with no usable preference, Vietnamese.
 */
export function languageOfAcceptLanguage(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text === undefined || text.trim() === '') return DEFAULT_LANGUAGE;
  const preferences = text.split(',').slice(0, 32)
    .map((part, order) => preferenceOf(part, order))
    .filter((preference): preference is Preference => preference !== undefined);
  const refused = new Set(preferences.filter((preference) => preference.quality === 0).map((preference) => preference.language));
  const best = preferences
    .filter((preference) => preference.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order)[0];
  if (best === undefined) return DEFAULT_LANGUAGE;
  if (best.language !== '*') return best.language;
  return LANGUAGES.find((language) => !refused.has(language)) ?? DEFAULT_LANGUAGE;
}
