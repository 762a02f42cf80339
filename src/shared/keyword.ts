/**
 * An enumerated attribute's value as one of `words`, read the way browsers read theirs: spaces
 * around it and case do not matter. Anything else is `undefined`, `null` too (a property a script
 * or a framework set to `null`).
 */
export function keyword<T extends string>(value: string | null | undefined, words: readonly T[]): T | undefined {
  const word = (value ?? '').trim().toLowerCase() as T;
  return words.includes(word) ? word : undefined;
}
