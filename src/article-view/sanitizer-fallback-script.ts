/**
 * Entry of `dist/egov-sanitizer-fallback.js`: hands DOMPurify to the main script that loaded this
 * file (load-fallback-script.ts).
 */
import { purify } from './sanitizer-fallback.js';
import { FALLBACK_KEY, type HtmlSanitizer } from './sanitize-rules.js';

(globalThis as unknown as Record<symbol, HtmlSanitizer>)[Symbol.for(FALLBACK_KEY)] = purify;
