import { DEFAULT_LANGUAGE, type Language } from '../i18n/language';

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
