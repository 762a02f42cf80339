import { canWriteScripts, trustedJson } from './trusted-types.js';

/**
 * Writes schema.org data as `<script type="application/ld+json">` in the host's light DOM, where
 * search engines read it. Under Trusted Types the text goes through the kit's JSON-only policy;
 * where a page does not allow that policy, the data is left out rather than breaking the widget.
 * `<` is escaped so the markup never closes the script early.
 */
export function writeJsonLd(host: HTMLElement, data: Record<string, unknown>): void {
  if (!canWriteScripts()) return;
  let script = host.querySelector<HTMLScriptElement>(':scope > script[data-egov-json-ld]');
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset['egovJsonLd'] = '';
    // A slot no shadow root has: the data is never rendered, even on a page that styles
    // every element with `all: unset` (which would make a script's text visible).
    script.slot = 'json-ld';
    host.append(script);
  }
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  // `text` is the Trusted Types sink for script content; the policy hands back a TrustedScript.
  script.text = trustedJson(json);
}

/** Drops keys whose value is empty, so the JSON-LD carries only what the page really states. */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== ''));
}
