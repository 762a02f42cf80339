/**
 * Search text folded the way Vietnamese readers type: lower case, without diacritics, `đ` as `d`.
 * "da nang", "ĐÀ NẴNG" and "đà nẵng" all fold to "da nang". Each folded character remembers where
 * it came from, so a match found in the folded text can be highlighted in the original label,
 * whether that label is written composed (NFC) or decomposed (NFD).
 */

export interface FoldedText {
  /** The folded text, white space turned into single spaces. */
  text: string;
  /** For each code unit of `text`, the index in the original string of the character it came from. */
  origins: number[];
}

const COMBINING_MARKS = /\p{M}/gu;
const WHITE_SPACE = /\s/u;

/** One character (code point) folded; a combining mark folds to nothing. */
function foldCharacter(character: string): string {
  if (WHITE_SPACE.test(character)) return ' ';
  if (character < '\u0080') return character.toLowerCase();
  // ð (U+00F0) looks like đ and turns up in text typed with the wrong keyboard layout.
  return character.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(/[đð]/g, 'd');
}

export function fold(original: string): FoldedText {
  let text = '';
  const origins: number[] = [];
  let index = 0;
  for (const character of original) {
    const folded = foldCharacter(character);
    for (let unit = 0; unit < folded.length; unit++) origins.push(index);
    text += folded;
    index += character.length;
  }
  return { text, origins };
}

/** The words of a query, folded; every one of them must appear in a label for it to match. */
export function queryWords(query: string): string[] {
  return fold(query).text.split(' ').filter(Boolean);
}

export function matchesAll(label: FoldedText, words: readonly string[]): boolean {
  return words.every((word) => label.text.includes(word));
}

/**
 * Where the words first appear in the original label, as sorted, non-overlapping `[start, end)`
 * ranges of the original string. A match ending before combining marks takes the marks along;
 * words next to each other ("Đà Nẵng" for "da nang") make one range.
 */
export function matchRanges(original: string, label: FoldedText, words: readonly string[]): [number, number][] {
  const originalLength = original.length;
  const ranges: [number, number][] = [];
  for (const word of words) {
    const at = label.text.indexOf(word);
    if (at < 0) continue;
    const end = at + word.length;
    ranges.push([label.origins[at] ?? 0, end < label.origins.length ? (label.origins[end] ?? originalLength) : originalLength]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && original.slice(last[1], range[0]).trim() === '') last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
