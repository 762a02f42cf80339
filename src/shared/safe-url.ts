/**
 * The one check every URL from a webmaster or a JSON file passes before it becomes a link, an
 * image or a media source: only `http:` and `https:`.
 */

const SAFE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The absolute URL of `raw` when it is an `http:` or `https:` URL, else `undefined`.
 * `URL` parses the way the browser does: it drops the tabs and new lines hidden inside
 * `java\tscript:`, trims control characters and lower-cases the scheme, so `.protocol` is what a
 * click or a request would really use.
 */
export function safeHref(raw: string, base: string = document.baseURI): string | undefined {
  if (!raw.trim()) return undefined;
  try {
    const url = new URL(raw, base);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The warning for something left out for its URL: the same words from every widget. */
export function leftOut(what: string): string {
  return `${what} is left out: only http: and https: URLs are used.`;
}
