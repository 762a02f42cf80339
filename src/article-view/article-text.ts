/** Plain-text helpers of the article: its length in words and minutes. */

/** Reading speed assumed for the reading time, in words (Vietnamese: syllables) per minute. */
const WORDS_PER_MINUTE = 200;

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
