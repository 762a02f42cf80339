/**
 * DOMPurify for browsers without the native HTML Sanitizer, imported on first need. The one-script
 * bundle replaces this module with load-fallback-script.ts (rollup.config.mjs): a classic script
 * cannot import, so it loads a second file instead.
 */
import type { HtmlSanitizer } from './sanitize-rules.js';

export async function loadFallbackSanitizer(): Promise<HtmlSanitizer> {
  return (await import('./sanitizer-fallback.js')).purify;
}
