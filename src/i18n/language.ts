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

/**
 * The language of the command line from the POSIX locale variables, in their order of precedence
 * (LC_ALL, LC_MESSAGES, LANG): a Vietnamese locale (vi, vi_VN.UTF-8) or none at all (unset, C,
 * POSIX: a bare server or container) speaks Vietnamese; any other locale, English.
 */
export function languageOfLocale(env: Record<string, string | undefined>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== '');
  if (locale === undefined) return DEFAULT_LANGUAGE;
  const name = locale.trim().split(/[.@]/)[0].toLowerCase();
  if (name === 'c' || name === 'posix' || name === 'vi' || name.startsWith('vi_') || name.startsWith('vi-')) return 'vi';
  return 'en';
}
