/**
 * Checks for the contact details a webmaster types, so only values that work become links.
 */

/** Separators people write inside phone numbers: spaces, dots, dashes, brackets. */
const PHONE_SEPARATORS = /[\s.\-()]/g;

/**
 * The dialable form of a phone number (`tel:` target), or `undefined` when it is not one.
 * Accepts Vietnamese numbers written nationally (`0` + 9 or 10 digits: mobiles and landlines such
 * as `0208 3874 436`), international numbers (`+84 208 …`, `+` and 8–15 digits), and the national
 * 1800/1900 service numbers.
 */
export function dialablePhone(value: string): string | undefined {
  const compact = value.trim().replace(PHONE_SEPARATORS, '');
  if (/^0\d{9,10}$/.test(compact)) return compact;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  if (/^1[89]00\d{4,6}$/.test(compact)) return compact;
  return undefined;
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The address for a `mailto:` link, or `undefined` when it is not a plausible email address. */
export function mailAddress(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed.length <= 254 && EMAIL.test(trimmed) ? trimmed : undefined;
}

/** `2015–2026`, or just `2026` when the site started this year or the start year is unusable. */
export function copyrightYears(since: string, currentYear: number): string {
  const start = Number(since.trim());
  if (!Number.isInteger(start) || start < 1900 || start >= currentYear) return String(currentYear);
  return `${start}–${currentYear}`;
}
