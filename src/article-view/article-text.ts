/** Plain-text helpers of the article: its date, its length in words and minutes. */

/** `2018-05-11`, or a date-time such as `2018-05-11T08:30`, `2018-05-11T08:30:00+07:00`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Reading speed assumed for the reading time, in words (Vietnamese: syllables) per minute. */
const WORDS_PER_MINUTE = 200;

/**
 * The moment an ISO 8601 `published` value names, or `undefined` when it is not one. A bare date
 * is that day in the reader's time zone, so `2018-05-11` is 11 May everywhere.
 */
export function parsePublished(value: string): Date | undefined {
  const trimmed = value.trim();
  const match = ISO_DATE.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  const date = trimmed.length === 10 ? new Date(year!, month! - 1, day!) : new Date(trimmed);
  if (Number.isNaN(date.getTime())) return undefined;
  // `new Date(2018, 1, 31)` silently becomes 3 March; a date that rolls over was not a real date.
  if (trimmed.length === 10 && date.getDate() !== day) return undefined;
  return date;
}

/** Words of `text`: runs of characters other than white space (`\s`: no-break spaces too). */
export function countWords(text: string): number {
  // Counted in place: splitting would make an array of every word, on the article's first render.
  const word = /\S+/g;
  let count = 0;
  while (word.test(text)) count++;
  return count;
}

/** Whole minutes at `WORDS_PER_MINUTE`, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
