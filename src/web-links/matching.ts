/**
 * A query against folded labels (fold.ts): which labels match, and where, to highlight. Used by the
 * open list only (web-links-list.ts, an on-demand part).
 */
import { fold, type FoldedText } from './fold.js';
import type { LinkEntry } from './links.js';

/** A link of the list with its label folded for search. */
export interface SearchEntry extends LinkEntry {
  folded: FoldedText;
}

/** The links with their labels folded, once each time the links change. */
export function searchable(entries: readonly LinkEntry[]): SearchEntry[] {
  return entries.map((entry) => ({ ...entry, folded: fold(entry.label) }));
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
