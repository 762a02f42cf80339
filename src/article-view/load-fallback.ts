/**
 * DOMPurify for browsers without the native HTML Sanitizer, loaded on first need as an on-demand
 * part (load-part.ts): `egov-sanitizer-fallback.js` beside the one-script bundle.
 */
import { loadPart } from '../shared/load-part.js';
import type { HtmlSanitizer } from './sanitize-rules.js';

export async function loadFallbackSanitizer(): Promise<HtmlSanitizer> {
  return (await loadPart(() => import('./sanitizer-fallback.js'))).purify;
}
