import { canWriteScripts, trustedJson } from './trusted-types.js';

/** The kit's JSON-LD script among a host's children. */
const JSON_LD_SCRIPT = ':scope > script[data-egov-json-ld]';

/** Longest wait for an idle moment before JSON-LD written later is written anyway. */
const IDLE_TIMEOUT_MS = 1000;

/**
 * Writes schema.org data as `<script type="application/ld+json">` in the host's light DOM, where
 * search engines read it. Under Trusted Types the text goes through the kit's JSON-only policy;
 * where a page does not allow that policy, the data is left out rather than breaking the widget.
 * `<` is escaped so the markup never closes the script early. Data already written is left as it is.
 */
function writeJsonLd(host: HTMLElement, data: Record<string, unknown>): void {
  if (!canWriteScripts()) return;
  let script = host.querySelector<HTMLScriptElement>(JSON_LD_SCRIPT);
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  if (script?.text === json) return;
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset['egovJsonLd'] = '';
    // A slot no shadow root has: the data is never rendered, even on a page that styles
    // every element with `all: unset` (which would make a script's text visible).
    script.slot = 'json-ld';
    host.append(script);
  }
  // `text` is the Trusted Types sink for script content; the policy hands back a TrustedScript.
  script.text = trustedJson(json);
}

/** Hosts whose JSON-LD waits for an idle moment, each with what gives its data then. */
const waiting = new Map<HTMLElement, () => Record<string, unknown> | undefined>();

/**
 * Writes the host's JSON-LD once the page is idle (within `IDLE_TIMEOUT_MS`), off the path to the
 * first paint: search engines read it once the page has settled. `data` is called then, so calls
 * made meanwhile write once, the latest data; `undefined` removes the host's JSON-LD. The hosts of
 * a page wait for one idle moment together.
 */
export function writeJsonLdLater(host: HTMLElement, data: () => Record<string, unknown> | undefined): void {
  if (waiting.size === 0) whenIdle(writeWaiting);
  waiting.set(host, data);
}

function writeWaiting(): void {
  const hosts = [...waiting];
  waiting.clear();
  for (const [host, data] of hosts) {
    const value = data();
    if (value) writeJsonLd(host, value);
    else host.querySelector(JSON_LD_SCRIPT)?.remove();
  }
}

/** `requestIdleCallback` where the browser has it, else the next task. */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(callback);
}

/** Drops keys whose value is empty, so the JSON-LD carries only what the page really states. */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== ''));
}
