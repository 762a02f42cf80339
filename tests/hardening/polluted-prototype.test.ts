// A page whose Object.prototype was polluted (a deep-merge of a URL parameter, say) BEFORE the kit
// loaded and fetched its data: every key the kit, Lit, DOMPurify or the DOM APIs it calls might
// read from a plain object holds a `javascript:` URL or markup that would set a canary if it ran.
// The widgets must still work, and no polluted value may reach an href/src or the DOM as markup.
// Not covered, because no library can survive them: the property-descriptor keys (`value`,
// `writable`, `get`, `set`), which break every `Object.defineProperty({get, set})` on the page,
// Lit's own included, so the bundle throws while loading; and `once`, which Lit also reads from each
// listener, so every listener of every Lit component on the page would fire only once.
import { expect } from '@open-wc/testing';
import { BUNDLE, CANARY, exerciseKit, hostileTraces, kitNodes, loadScript, mountKit, TAGS, type Kit } from './kit-page.js';

const SCRIPT = `window.${CANARY}=1`;
const MARKUP = `<img src="/x.png" onerror="${SCRIPT}" data-payload><script data-payload>${SCRIPT}</script>`;
const URL = `javascript:${SCRIPT}`;

/** Polluted keys, by who might read them. */
const POLLUTION: Record<string, unknown> = {
  // Fields of the widgets' JSON and attributes.
  href: URL, src: URL, body: MARKUP, label: MARKUP, group: MARKUP, heading: MARKUP, author: MARKUP,
  summary: MARKUP, published: MARKUP, question: MARKUP, options: [MARKUP], voter: MARKUP, siteName: MARKUP,
  agency: MARKUP, address: MARKUP, phone: URL, email: URL, developer: MARKUP, id: MARKUP, votes: 999, totalVotes: 999,
  closed: true, multiple: true, endpoint: URL, pollId: MARKUP, youtube: MARKUP, poster: URL, captions: URL,
  playlist: URL, title: MARKUP, duration: MARKUP, image: URL, alt: MARKUP, width: 1, height: 1, layout: MARKUP,
  interval: 0,
  // DOM sinks and attributes.
  innerHTML: MARKUP, outerHTML: MARKUP, srcdoc: MARKUP, html: MARKUP, text: MARKUP, onerror: SCRIPT,
  onload: SCRIPT, onclick: SCRIPT, target: '_top', rel: 'opener', action: URL, formAction: URL,
  // RequestInit and CustomEventInit dictionaries.
  method: 'DELETE', credentials: 'include', mode: 'no-cors', redirect: 'manual', referrerPolicy: 'unsafe-url',
  headers: { 'X-Polluted': '1' }, detail: MARKUP, bubbles: false, composed: false, cancelable: false,
  // Options Lit reads from each event listener (a function, so through Object.prototype): a passive
  // submit listener cannot cancel the form's navigation.
  passive: true,
  // DOMPurify's configuration.
  ALLOWED_TAGS: ['img', 'script', 'iframe'], ADD_TAGS: ['script', 'iframe'], ADD_ATTR: ['onerror', 'srcdoc'],
  ALLOWED_ATTR: ['onerror', 'src', 'srcdoc'], ALLOW_UNKNOWN_PROTOCOLS: true, ALLOW_DATA_ATTR: true,
  WHOLE_DOCUMENT: true, SAFE_FOR_TEMPLATES: false, FORCE_BODY: true, IN_PLACE: true, USE_PROFILES: false,
  FORBID_TAGS: [], FORBID_ATTR: [], KEEP_CONTENT: false, RETURN_TRUSTED_TYPE: true,
};

function pollute(): void {
  for (const [key, value] of Object.entries(POLLUTION)) {
    // Enumerable, as `target.__proto__[key] = value` in a careless merge makes it.
    Object.defineProperty(Object.prototype, key, { value, writable: true, configurable: true, enumerable: true });
  }
}

function cleanUp(): void {
  for (const key of Object.keys(POLLUTION)) delete (Object.prototype as Record<string, unknown>)[key];
}

describe('a page with a polluted Object.prototype', () => {
  let kit: Kit | undefined;
  let broken: { tag: string; failure: string }[] = [];
  let traces: string[] = [];
  let markupInText: string[] = [];
  const pageErrors: string[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(String(event.error ?? event.message));

  before(async function () {
    this.timeout(60_000);
    window.addEventListener('error', onError);
    // Polluted before the kit loads and while it loads and renders its data; checked after.
    pollute();
    try {
      await loadScript(BUNDLE);
      kit = mountKit('hostile-prototype');
      broken = await exerciseKit(kit);
      traces = hostileTraces();
      // Markup that reached the DOM as text is fine; as elements it is not (hostileTraces). Also
      // record whether any polluted value was shown at all, which would mean it was read.
      markupInText = kitNodes()
        .filter((node) => node.shadowRoot)
        .map((host) => host.shadowRoot!.textContent ?? '')
        .filter((text) => text.includes('data-payload') || text.includes('javascript:'));
    } finally {
      cleanUp();
    }
  });

  after(() => {
    window.removeEventListener('error', onError);
    kit?.container.remove();
    const failures = broken.length + traces.length + markupInText.length + pageErrors.length;
    console.log(`figure: hostile prototype: ${Object.keys(POLLUTION).length} polluted keys × ${TAGS.length} widgets, ${failures} failures`);
  });

  it('keeps every widget working', () => {
    expect(broken).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });

  it('lets no polluted value reach an href, a src or the DOM as markup, and runs none', () => {
    expect(traces).to.deep.equal([]);
    expect((window as unknown as Record<string, unknown>)[CANARY]).to.equal(undefined);
  });

  it('never shows a polluted value, even as text', () => {
    expect(markupInText).to.deep.equal([]);
  });
});
