/**
 * Ids made from Vietnamese text, for polls and options an editor creates without one:
 * `"5 ngày trở lên"` → `5-ngay-tro-len`.
 */

/**
 * Decomposes (NFD), drops the combining marks, turns đ into d, lower-cases, and joins the
 * remaining runs of letters and digits with single dashes. Cut at `maxLength`. May be empty
 * (text without any Latin letter or digit).
 */
export function slugFromText(text: string, maxLength: number): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/**
 * `base` for number 1, then `base-2`, `base-3`…, within `maxLength` (the base is shortened
 * to leave room for the suffix).
 */
export function idWithSuffix(base: string, number: number, maxLength: number): string {
  const suffix = number === 1 ? '' : `-${number}`;
  return `${base.slice(0, maxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** The id of a poll whose question has no Latin letter or digit to make one from. */
export const FALLBACK_POLL_ID = 'binh-chon';

/** What the id of a poll created without one is made from: its question, or FALLBACK_POLL_ID. */
export function pollIdBase(question: string, maxLength: number): string {
  return slugFromText(question, maxLength) || FALLBACK_POLL_ID;
}
