// On-demand parts of the built bundle (src/shared/load-part.ts), under the reference server's strict
// CSP with Trusted Types: the web-links list, `egov-web-links-list.js`, is not requested before a
// reader comes to the box, is requested once, beside the main script, and runs on the main
// script's one copy of Lit; a part that cannot be loaded shows the kit's error with a retry, in
// both languages, and the retry loads it once the file is there. The scan of long article bodies,
// `egov-chunk-marks.js`, is requested for a remote body over 500,000 characters only; where it
// cannot be loaded, the body is still shown, chunked after parsing. The sanitizer of remote bodies,
// `egov-sanitize.js`, is requested with the article's JSON; where it cannot be loaded, the article
// shows the kit's error with a retry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { useServerAndBrowser, waitInShadow } from './browser.js';

const PART = 'egov-web-links-list.js';

const LINKS = [
  { label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn', group: 'Trung ương' },
  { label: 'Cổng Dịch vụ công quốc gia', href: 'https://dichvucong.gov.vn', group: 'Trung ương' },
  { label: 'Cổng Thông tin điện tử tỉnh Thái Nguyên', href: 'https://thainguyen.gov.vn', group: 'Tỉnh Thái Nguyên' },
];

/** Remote article bodies: 2,000 paragraphs (22,000 characters) and 60,000 (660,000). */
const SHORT_PARAGRAPHS = 2_000;
const LONG_PARAGRAPHS = 60_000;
const article = (paragraphs: number) =>
  JSON.stringify({ heading: 'Tin dài', published: '2018-05-11', author: 'Quang Sơn', body: '<p>đoạn</p>'.repeat(paragraphs) });

function articlePage(script: string, src: string): string {
  return `<!doctype html>
<html lang="vi">
  <head><meta charset="utf-8" /><title>Bài</title><link rel="icon" href="data:," /><script src="${script}" defer></script></head>
  <body><egov-article-view id="a" src="${src}"></egov-article-view></body>
</html>
`;
}

function page(script: string): string {
  return `<!doctype html>
<html lang="vi">
  <head><meta charset="utf-8" /><title>Parts</title><link rel="icon" href="data:," /><script src="${script}" defer></script></head>
  <body>
    <egov-web-links id="vi" src="/links.json"></egov-web-links>
    <egov-web-links id="en" lang="en" src="/links.json"></egov-web-links>
  </body>
</html>
`;
}

describe('on-demand parts of the bundle', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'egov-parts-'));
    writeFileSync(path.join(folder, 'links.json'), JSON.stringify(LINKS));
    writeFileSync(path.join(folder, 'index.html'), page('/dist/egov-widgets.js'));
    // A portal that copied the main script (its English, the sanitizer) but not the list's part beside it (yet).
    mkdirSync(path.join(folder, 'js'));
    for (const file of ['egov-widgets.js', 'egov-messages-en.js', 'egov-sanitize.js']) copyFileSync(path.join('dist', file), path.join(folder, 'js', file));
    // One that copied the main script only.
    mkdirSync(path.join(folder, 'main-only'));
    copyFileSync(path.join('dist', 'egov-widgets.js'), path.join(folder, 'main-only', 'egov-widgets.js'));
    writeFileSync(path.join(folder, 'article-missing-sanitizer.html'), articlePage('/main-only/egov-widgets.js', '/short.json'));
    writeFileSync(path.join(folder, 'missing-part.html'), page('/js/egov-widgets.js'));
    writeFileSync(path.join(folder, 'short.json'), article(SHORT_PARAGRAPHS));
    writeFileSync(path.join(folder, 'long.json'), article(LONG_PARAGRAPHS));
    writeFileSync(path.join(folder, 'short-article.html'), articlePage('/dist/egov-widgets.js', '/short.json'));
    writeFileSync(path.join(folder, 'long-article.html'), articlePage('/dist/egov-widgets.js', '/long.json'));
    writeFileSync(path.join(folder, 'long-article-missing-part.html'), articlePage('/js/egov-widgets.js', '/long.json'));
  });
  const setup = useServerAndBrowser({ env: () => ({ EGOV_DEMO_DIR: folder }) });
  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** `file` open in a fresh browser context once the network is idle, `host` showing `selector`; the console's errors as they come. */
  async function visit(file: string, host = '#vi', selector = '[part="input"]'): Promise<{ page: Page; errors: string[] }> {
    const context = await setup.browser.createBrowserContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(`uncaught: ${String(error)}`));
    await tab.goto(`${setup.server.url}/${file}`, { waitUntil: 'networkidle0' });
    await waitInShadow(tab, host, selector);
    return { page: tab, errors };
  }

  /** Every request the page made for the web-links part. */
  const partRequests = async (tab: Page) =>
    (await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter((url) => url.endsWith(`/${PART}`));

  const inputState = (tab: Page, id: string) =>
    tab.$eval(`#${id} >>> [part="input"]`, (input) => ({
      value: (input as HTMLInputElement).value,
      expanded: input.getAttribute('aria-expanded'),
    }));

  const optionLabels = (tab: Page, id: string) =>
    tab.$$eval(`#${id} >>> [role="option"] .option-label`, (labels) => labels.map((label) => label.textContent?.trim()));

  it('renders the closed widget without the list part, loads it once when a reader comes, on the main script’s Lit', async () => {
    const { page: tab, errors } = await visit('');
    assert.equal(await tab.$eval('#vi >>> [part="label"]', (label) => label.textContent?.trim()), 'Liên kết web');
    assert.deepEqual(await inputState(tab, 'vi'), { value: '', expanded: 'false' });
    assert.deepEqual(await partRequests(tab), [], 'no request for the list before any interaction');

    // Typed at once, before the part is here: no keystroke is lost.
    await tab.focus('#vi >>> [part="input"]');
    await tab.keyboard.type('thong tin');
    await waitInShadow(tab, '#vi', '[role="option"]');
    assert.deepEqual(await optionLabels(tab, 'vi'), ['Cổng Thông tin điện tử Chính phủ', 'Cổng Thông tin điện tử tỉnh Thái Nguyên']);
    assert.deepEqual(await inputState(tab, 'vi'), { value: 'thong tin', expanded: 'true' });
    await tab.keyboard.press('ArrowDown');
    assert.equal(await tab.$eval('#vi >>> [part="input"]', (input) => input.getAttribute('aria-activedescendant')), 'option-0');
    await tab.keyboard.press('Escape');

    // The second widget on the page uses the part already here.
    await tab.focus('#en >>> [part="input"]');
    await tab.keyboard.press('ArrowDown');
    await waitInShadow(tab, '#en', '[role="option"]');
    assert.equal((await optionLabels(tab, 'en')).length, 3);
    // Once, from beside the main script.
    assert.deepEqual(await partRequests(tab), [`${setup.server.url}/dist/${PART}`]);

    // One Lit on the page: the part brought none of its own.
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { litHtmlVersions?: string[] }).litHtmlVersions?.length), 1);
    const part = readFileSync(path.join('dist', PART), 'utf8');
    assert.ok(!part.includes('litHtmlVersions'), 'lit-html is not inside the part');
    assert.ok(part.includes('Symbol.for("egov-widgets.parts 0.1.0")'), 'the part reads the registry of its own version');
    assert.deepEqual(errors, []);
    await tab.browserContext().close();
  });

  it('makes every arrow key pressed while the part is on its way, in order, once it comes', async () => {
    const { page: tab, errors } = await visit('');
    // The part is held back until the keys are pressed: a slow network, made certain.
    await tab.setRequestInterception(true);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = () => {};
    const askedFor = new Promise<void>((resolve) => (asked = resolve));
    tab.on('request', (request) => {
      if (!request.url().endsWith(`/${PART}`)) return void request.continue();
      asked();
      void held.then(() => request.continue());
    });
    await tab.focus('#vi >>> [part="input"]');
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowDown'] as const) await tab.keyboard.press(key);
    await askedFor; // the part was asked for when the reader came (else the test times out here)
    assert.deepEqual(await optionLabels(tab, 'vi'), [], 'no option before the part is here');
    release();
    await waitInShadow(tab, '#vi', '[role="option"]');
    // Once the moves are made the list is still: opened on the first (0), down (1), down (2), up (1), down (2).
    const active = () => tab.$eval('#vi >>> [part="input"]', (input) => input.getAttribute('aria-activedescendant'));
    await tab.evaluate(() => (document.querySelector('#vi') as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete);
    assert.equal(await active(), 'option-2');
    assert.deepEqual(errors, []);
    await tab.browserContext().close();
  });

  /** The error view of the widget `#id`, once shown, as a reader sees its text. */
  async function errorText(tab: Page, id: string): Promise<string | undefined> {
    await waitInShadow(tab, `#${id}`, '[part="error"]');
    return tab.$eval(`#${id} >>> [part="error"]`, (error) => error.textContent?.replace(/\s+/g, ' ').trim());
  }

  it('shows the kit’s error with a retry when the part cannot be loaded, keeps what was typed, and loads it on retry', async () => {
    const { page: tab } = await visit('missing-part.html');
    await tab.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { egovErrors: unknown[] }).egovErrors = seen;
      document.addEventListener('egov-error', (event) => seen.push((event as CustomEvent).detail.code));
    });
    await tab.focus('#vi >>> [part="input"]');
    await tab.keyboard.type('chinh phu');
    assert.equal(await errorText(tab, 'vi'), 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại. Thử lại');
    assert.equal(await tab.$eval('#vi >>> [part="error"] p', (message) => message.getAttribute('role')), 'alert');
    // No listbox is claimed while there is none.
    assert.deepEqual(await inputState(tab, 'vi'), { value: 'chinh phu', expanded: 'false' });
    assert.equal(await tab.$eval('#vi >>> [part="input"]', (input) => input.hasAttribute('aria-controls')), false);
    assert.ok((await tab.evaluate(() => (window as unknown as { egovErrors: unknown[] }).egovErrors)).includes('network'));

    await tab.focus('#en >>> [part="input"]');
    await tab.keyboard.press('ArrowDown');
    assert.equal(await errorText(tab, 'en'), 'Could not reach the server. Please check your connection and try again. Try again');
    await tab.keyboard.press('Escape');

    // Opened again, the list is tried again (and still fails); then the webmaster copies the
    // missing file and the reader presses "Thử lại".
    const focusedPart = () => tab.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? document.activeElement?.localName);
    await tab.focus('#vi >>> [part="input"]');
    await tab.keyboard.press('ArrowDown');
    await waitInShadow(tab, '#vi', '[part="error"]');
    // From the keyboard: Tab goes from the box to "Thử lại" (the error stays); Tab on, out of the
    // widget, closes the list with its error; opened again, the list is tried again.
    await tab.keyboard.press('Tab');
    assert.equal(await focusedPart(), 'retry-button');
    await tab.keyboard.press('Tab');
    await tab.waitForFunction(() => !document.querySelector('#vi')?.shadowRoot?.querySelector('[part="error"]'), { timeout: 5000 });
    assert.equal((await inputState(tab, 'vi')).expanded, 'false');
    await tab.focus('#vi >>> [part="input"]');
    await tab.keyboard.press('ArrowDown');
    await waitInShadow(tab, '#vi', '[part="error"]');
    copyFileSync(path.join('dist', PART), path.join(folder, 'js', PART));
    await tab.keyboard.press('Tab');
    assert.equal(await focusedPart(), 'retry-button');
    await tab.keyboard.press('Enter');
    await waitInShadow(tab, '#vi', '[role="option"]');
    assert.deepEqual(await optionLabels(tab, 'vi'), ['Cổng Thông tin điện tử Chính phủ']);
    assert.deepEqual(await inputState(tab, 'vi'), { value: 'chinh phu', expanded: 'true' });
    assert.equal(await tab.$('#vi >>> [part="error"]'), null);
    await tab.browserContext().close();
  });

  it('asks for the sanitizer’s part with the article’s JSON; without it, shows the kit’s error with a retry that loads it', async () => {
    const { page: tab } = await visit('short-article.html', '#a', '[part="body"] p');
    const timing = await tab.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => ({ name: entry.name, start: entry.startTime, end: (entry as PerformanceResourceTiming).responseEnd })),
    );
    const sanitizer = timing.filter((entry) => entry.name.endsWith('/egov-sanitize.js'));
    const json = timing.find((entry) => entry.name.endsWith('/short.json'));
    assert.equal(sanitizer.length, 1, 'asked for once');
    assert.ok(json && sanitizer[0]!.start < json.end, 'asked for before the JSON had arrived, not after');
    await tab.browserContext().close();

    const { page: missing } = await visit('article-missing-sanitizer.html', '#a', '[part="error"]');
    assert.equal(await errorText(missing, 'a'), 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại. Thử lại');
    copyFileSync(path.join('dist', 'egov-sanitize.js'), path.join(folder, 'main-only', 'egov-sanitize.js'));
    await missing.click('#a >>> [part="retry-button"]');
    await waitInShadow(missing, '#a', '[part="body"] p');
    assert.equal(await missing.$eval('#a >>> [part="body"]', (body) => body.querySelectorAll('p').length), SHORT_PARAGRAPHS);
    assert.equal(await missing.$('#a >>> [part="error"]'), null);
    await missing.browserContext().close();
  });

  it('gives up on a part that does not arrive within 10 s, as on remote data: the kit’s error with a retry that loads it', async () => {
    // A real server that holds the sanitizer's part without answering, until it is told to serve it.
    let serving = false;
    const held: ServerResponse[] = [];
    const files: Record<string, [string, string | Buffer]> = {
      '/index.html': ['text/html; charset=utf-8', articlePage('/egov-widgets.js', '/short.json')],
      '/egov-widgets.js': ['text/javascript', readFileSync(path.join('dist', 'egov-widgets.js'))],
      '/short.json': ['application/json', article(SHORT_PARAGRAPHS)],
    };
    const requests: string[] = [];
    const stalling = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/egov-sanitize.js' && !serving) {
        held.push(response);
        return;
      }
      const [type, body] = request.url === '/egov-sanitize.js' ? ['text/javascript', readFileSync(path.join('dist', 'egov-sanitize.js'))] : (files[request.url ?? ''] ?? []);
      response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': type ?? 'text/plain' }).end(body);
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const context = await setup.browser.createBrowserContext();
    try {
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${(stalling.address() as AddressInfo).port}/index.html`, { waitUntil: 'domcontentloaded' });
      await tab.$eval('#a', (element) => element.addEventListener('egov-error', (event) => ((window as unknown as { reported: unknown }).reported = (event as CustomEvent).detail.code)));
      const started = Date.now();
      await waitInShadow(tab, '#a', '[part="error"]');
      assert.ok(Date.now() - started >= 9_000, `the error came after ${Date.now() - started} ms, before the part's 10 s were over`);
      assert.equal(held.length, 1, 'the part was asked for, and held');
      assert.equal(await errorText(tab, 'a'), 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại. Thử lại');
      assert.equal(await tab.evaluate(() => (window as unknown as { reported: unknown }).reported), 'network');
      // The held request is answered at last, after its time was up: the part runs and registers,
      // and the retry uses it rather than asking for (and running) the file again.
      serving = true;
      const sanitizer = readFileSync(path.join('dist', 'egov-sanitize.js'));
      for (const response of held.splice(0)) response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(sanitizer);
      await tab.waitForFunction(() =>
        Object.getOwnPropertySymbols(globalThis).some(
          (key) => String(key).startsWith('Symbol(egov-widgets.parts') && (globalThis as unknown as Record<symbol, Record<string, unknown>>)[key]?.['egov-sanitize.js'],
        ),
      );
      await tab.click('#a >>> [part="retry-button"]');
      await waitInShadow(tab, '#a', '[part="body"] p');
      assert.equal(await tab.$eval('#a >>> [part="body"]', (body) => body.querySelectorAll('p').length), SHORT_PARAGRAPHS);
      assert.equal(requests.filter((url) => url === '/egov-sanitize.js').length, 1, 'asked for once');
    } finally {
      await context.close();
      for (const response of held) response.destroy();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('asks for DOMPurify, where the browser has no sanitizer, while the article’s JSON is still on its way', async () => {
    const context = await setup.browser.createBrowserContext();
    const tab = await context.newPage();
    // A browser without the HTML Sanitizer API, from the page's first script on.
    await tab.evaluateOnNewDocument(() => {
      delete (Element.prototype as { setHTML?: unknown }).setHTML;
      delete (globalThis as { Sanitizer?: unknown }).Sanitizer;
    });
    await tab.setRequestInterception(true);
    const order: string[] = [];
    let fallbackAsked = () => {};
    const fallbackRequested = new Promise<void>((resolve) => (fallbackAsked = resolve));
    tab.on('request', (request) => {
      const url = request.url();
      if (url.endsWith('/egov-sanitizer-fallback.js')) {
        order.push('DOMPurify asked for');
        fallbackAsked();
      }
      if (!url.endsWith('/short.json')) return void request.continue();
      // The JSON is held until DOMPurify is asked for (or 10 s): asked for only after the JSON, it never would be.
      void Promise.race([fallbackRequested, new Promise((resolve) => setTimeout(resolve, 10_000))]).then(() => {
        order.push('JSON answered');
        return request.continue();
      });
    });
    await tab.goto(`${setup.server.url}/short-article.html`, { waitUntil: 'domcontentloaded' });
    await waitInShadow(tab, '#a', '[part="body"] p');
    assert.deepEqual(order, ['DOMPurify asked for', 'JSON answered']);
    assert.equal(await tab.evaluate(() => 'setHTML' in Element.prototype), false, 'the page had no native sanitizer');
    assert.equal(await tab.$eval('#a >>> [part="body"]', (body) => body.querySelectorAll('p').length), SHORT_PARAGRAPHS);
    await context.close();
  });

  /** The article's body once shown: its paragraphs, its chunks, and the requests for the chunk-marks part. */
  async function shownArticle(file: string) {
    const { page: tab, errors } = await visit(file, '#a', '[part="body"] p');
    const shown = await tab.$eval('#a >>> [part="body"]', (body) => ({
      paragraphs: body.querySelectorAll('p').length,
      chunks: body.querySelectorAll('div.chunk').length,
      looseParagraphs: body.querySelectorAll(':not(.chunk) > p').length,
    }));
    const requests = (await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter((url) =>
      url.endsWith('/egov-chunk-marks.js'),
    );
    await tab.browserContext().close();
    return { ...shown, requests, errors };
  }

  it('loads the scan of long bodies for a remote body over 500,000 characters only, and shows either chunked', async () => {
    const short = await shownArticle('short-article.html');
    assert.deepEqual(short.requests, []);
    assert.deepEqual({ paragraphs: short.paragraphs, chunks: short.chunks, looseParagraphs: short.looseParagraphs }, { paragraphs: 2_000, chunks: 20, looseParagraphs: 0 });
    assert.deepEqual(short.errors, []);

    const long = await shownArticle('long-article.html');
    assert.deepEqual(long.requests, [`${setup.server.url}/dist/egov-chunk-marks.js`]);
    assert.deepEqual({ paragraphs: long.paragraphs, chunks: long.chunks, looseParagraphs: long.looseParagraphs }, { paragraphs: 60_000, chunks: 600, looseParagraphs: 0 });
    assert.deepEqual(long.errors, []);
  });

  it('shows a long body chunked after parsing when the scan’s part cannot be loaded', async () => {
    const long = await shownArticle('long-article-missing-part.html');
    assert.deepEqual(long.requests, [`${setup.server.url}/js/egov-chunk-marks.js`]);
    assert.deepEqual({ paragraphs: long.paragraphs, chunks: long.chunks, looseParagraphs: long.looseParagraphs }, { paragraphs: 60_000, chunks: 600, looseParagraphs: 0 });
    // The failed request (a 404, in JSON) is the browser's only complaint: nothing from the kit.
    assert.ok(long.errors.length > 0 && long.errors.every((error) => error.includes('404') || error.includes('/js/egov-chunk-marks.js')), long.errors.join('\n'));
  });
});
