/**
 * In the one-script bundle, in place of load-fallback.ts: loads `egov-sanitizer-fallback.js` from
 * beside the main script, once, on first need (a remote article on a browser without the native
 * HTML Sanitizer). Under Trusted Types the URL goes through the kit's own policy.
 */
import { trustedScriptUrl } from '../shared/trusted-types.js';
import { FALLBACK_KEY, type HtmlSanitizer } from './sanitize-rules.js';

/** The main script's own URL, known only while it runs: the fallback file sits beside it. */
const mainScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

let loading: Promise<HtmlSanitizer> | undefined;

export function loadFallbackSanitizer(): Promise<HtmlSanitizer> {
  loading ??= new Promise<HtmlSanitizer>((resolve, reject) => {
    const url = new URL('egov-sanitizer-fallback.js', mainScript || document.baseURI).href;
    const script = document.createElement('script');
    script.addEventListener('load', () => {
      const purify = (globalThis as unknown as Record<symbol, HtmlSanitizer | undefined>)[Symbol.for(FALLBACK_KEY)];
      if (purify) resolve(purify);
      else reject(new Error(`${url} did not provide a sanitizer`));
    });
    script.addEventListener('error', () => reject(new Error(`could not load ${url}`)));
    script.src = trustedScriptUrl(url);
    document.head.append(script);
  });
  // A failed load may succeed on retry (the network came back).
  loading.catch(() => (loading = undefined));
  return loading;
}
