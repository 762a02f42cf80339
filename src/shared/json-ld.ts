/**
 * Writes schema.org data as `<script type="application/ld+json">` in the host's light DOM, where
 * search engines read it. The text goes in as a Text node: under Trusted Types a data script
 * needs no policy, and `<` is escaped so the markup never closes the script early.
 */
export function writeJsonLd(host: HTMLElement, data: Record<string, unknown>): void {
  let script = host.querySelector<HTMLScriptElement>(':scope > script[data-egov-json-ld]');
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset['egovJsonLd'] = '';
    host.append(script);
  }
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  script.replaceChildren(document.createTextNode(json));
}

/** Drops keys whose value is empty, so the JSON-LD carries only what the page really states. */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== ''));
}
