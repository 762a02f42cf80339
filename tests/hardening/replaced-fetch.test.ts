// A page that replaced `window.fetch` BEFORE the kit loaded (an analytics wrapper built on an old
// fetch polyfill whose answers have no body stream), then replaced it again afterwards with one
// that fails. The kit takes `fetch` once, when it loads: it works through the page's wrapper (which
// therefore sees its requests), and a later replacement does not reach it.
import { expect } from '@open-wc/testing';
import { BUNDLE, exerciseKit, hostileTraces, loadScript, mountKit, TAGS, type Kit } from './kit-page.js';

const original = window.fetch;
const seen: string[] = [];

/** Like a polyfill's Response: status, headers and text(), but no `body` stream. */
async function polyfilledFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  seen.push(String(input));
  const answer = await original(input, init);
  const text = await answer.text();
  return {
    ok: answer.ok,
    status: answer.status,
    statusText: answer.statusText,
    url: answer.url,
    headers: answer.headers,
    body: null,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text)),
  } as unknown as Response;
}

window.fetch = polyfilledFetch;

describe('a page that replaced window.fetch', () => {
  let kit: Kit | undefined;
  let failures = 0;

  before(() => loadScript(BUNDLE));
  afterEach(() => kit?.container.remove());
  after(() => {
    window.fetch = original;
    console.log(`figure: hostile fetch: 2 replaced fetch functions × ${TAGS.length} widgets, ${failures} failures`);
  });

  it('works through the fetch the page installed before the kit loaded', async () => {
    kit = mountKit('hostile-fetch-wrapped');
    const broken = await exerciseKit(kit);
    failures += broken.length;
    expect(broken).to.deep.equal([]);
    // Honest consequence: the page's wrapper sees the kit's requests.
    expect(seen.some((url) => url.includes('/api/polls/hostile-fetch-wrapped/votes'))).to.equal(true);
    expect(seen.some((url) => url.includes('/api/articles/phu-luong-can-bo'))).to.equal(true);
    expect(hostileTraces()).to.deep.equal([]);
  });

  it('keeps working, unseen, when the page replaces fetch after the kit loaded', async () => {
    const before = seen.length;
    let calls = 0;
    window.fetch = () => {
      calls += 1;
      return Promise.reject(new TypeError('blocked by the page'));
    };
    try {
      kit = mountKit('hostile-fetch');
      const broken = await exerciseKit(kit);
      failures += broken.length;
      expect(broken).to.deep.equal([]);
      expect(calls, 'requests that went through the later fetch').to.equal(0);
      expect(seen.length - before, 'requests the first wrapper saw').to.be.greaterThan(3);
    } finally {
      window.fetch = polyfilledFetch;
    }
  });
});
