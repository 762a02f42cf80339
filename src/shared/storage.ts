/**
 * What the kit keeps in the browser (`localStorage`): the poll's voter token and votes, the
 * article's text size, the editors' page's language. Blocked storage (private mode, a strict
 * policy, a full quota) throws: on reading `localStorage` itself, on using it, or (where it is
 * missing) on calling a method of `undefined`. Every such failure falls back to an in-memory copy,
 * kept for the rest of the page view.
 */

const memory = new Map<string, string>();

/** The value kept under `key`, or `undefined`. */
export function stored(key: string): string | undefined {
  try {
    return globalThis.localStorage.getItem(key) ?? memory.get(key);
  } catch {
    return memory.get(key);
  }
}

/** Keeps `value` under `key`: in storage, else in memory for this page view. */
export function store(key: string, value: string): void {
  try {
    globalThis.localStorage.setItem(key, value);
    memory.delete(key);
  } catch {
    memory.set(key, value);
  }
}
