/**
 * A person's or body's name as it is compared, not as it is shown: without case, spacing or
 * Vietnamese diacritics, so "Nguyễn Thị  M" and "nguyen thi m" name the same beneficiary.
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, '');
}

export function sameName(left: string, right: string): boolean {
  return comparableName(left) === comparableName(right);
}

/** White space and the invisible format characters (zero-width space, joiners, direction marks). */
const INVISIBLE = /[\p{White_Space}\p{Cf}]/gu;

/**
 * Required text is present when something visible is left without white space and invisible
 * format characters: "   " and "\u200b\u200b" are blank.
 */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}
