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
