// The English messages, an on-demand part of the built bundle (`egov-messages-en.js`, see
// src/messages-en.ts), under the reference server's strict CSP with Trusted Types: a
// Vietnamese page never asks for it; an English page asks once for all its widgets, and no widget
// ever shows a Vietnamese word first (every state of every shadow root is recorded from the start);
// a switch from Vietnamese to English at run time loads it once; where it cannot be loaded, the
// widgets read in Vietnamese, the kit warns once, and the next switch to English tries again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { shadowText, useServerAndBrowser, waitInShadow } from './browser.js';

const PART = 'egov-messages-en.js';

/** Any letter of Vietnamese beyond ASCII (ă, â, đ, ê, ô, ơ, ư and the tone marks): the page's own content has none. */
const VIETNAMESE_LETTER = /[\u00C0-\u1EF9]/;

/** Four widgets that need no server, their content in plain ASCII, so that any Vietnamese letter shown is the kit's. */
function page(script: string, lang: 'vi' | 'en', head = ''): string {
  return `<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8" /><title>English</title><link rel="icon" href="data:," />${head}<script src="${script}" defer></script></head>
  <body>
    <egov-article-view heading="District news" published="2018-05-11" author="Quang Son">
      <p>The district held its yearly meeting on staff training.</p>
    </egov-article-view>
    <egov-video youtube="aqz-KE-bpKQ" heading="Sample film"></egov-video>
    <egov-web-links>
      <a href="https://chinhphu.vn">Government portal</a>
      <a href="https://dichvucong.gov.vn">National public services</a>
    </egov-web-links>
    <egov-agency-footer site-name="PHU LUONG DISTRICT" agency="Phu Luong People's Committee" phone="02083874436" since="2015"></egov-agency-footer>
  </body>
</html>
`;
}

/**
 * Before any script of the page: every shadow root, from its creation, is watched, and each state
 * it goes through (its text, and the labels a screen reader reads) is kept under its host's tag.
 */
function recordShadowStates(): void {
  const states: Record<string, string[]> = {};
  (window as unknown as { __states: typeof states }).__states = states;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attach.call(this, init);
    const kept = (states[this.localName] ??= []);
    new MutationObserver(() => {
      const labels = [...root.querySelectorAll('*')].flatMap((element) =>
        ['aria-label', 'placeholder', 'title', 'alt'].map((name) => element.getAttribute(name) ?? ''),
      );
      kept.push([root.textContent ?? '', ...labels].join(' ').replace(/\s+/g, ' ').trim());
    }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    return root;
  };
}

/** Waits (up to 20 s) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the English messages, an on-demand part', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'egov-english-'));
    writeFileSync(path.join(folder, 'vi.html'), page('/dist/egov-widgets.js', 'vi'));
    writeFileSync(path.join(folder, 'en.html'), page('/dist/egov-widgets.js', 'en'));
    // The README's line for English pages: the part comes with the main script, not after it.
    writeFileSync(path.join(folder, 'en-preload.html'), page('/dist/egov-widgets.js', 'en', `<link rel="preload" href="/dist/${PART}" as="script" />`));
    // A portal that copied the main script and the list's part, but not the English part (yet).
    mkdirSync(path.join(folder, 'js'));
    for (const file of ['egov-widgets.js', 'egov-web-links-list.js']) copyFileSync(path.join('dist', file), path.join(folder, 'js', file));
    writeFileSync(path.join(folder, 'en-missing-part.html'), page('/js/egov-widgets.js', 'en'));
    // An English page whose article comes from the server, with a table the kit labels.
    mkdirSync(path.join(folder, 'articles'));
    writeFileSync(
      path.join(folder, 'articles', 'table.json'),
      JSON.stringify({ heading: 'Staff figures', published: '2018-05-11', author: 'Quang Son', summary: 'Staff figures.', body: '<p>Figures:</p><table><tr><td>Masters</td><td>18</td></tr></table>' }),
    );
    writeFileSync(
      path.join(folder, 'en-remote.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>English</title><link rel="icon" href="data:," />` +
        `<script src="/dist/egov-widgets.js" defer></script></head><body><egov-article-view src="/api/articles/table"></egov-article-view></body></html>`,
    );
  });
  const setup = useServerAndBrowser({ env: () => ({ EGOV_DEMO_DIR: folder, EGOV_ARTICLES: path.join(folder, 'articles') }) });
  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  interface Visit {
    page: Page;
    /** The page's uncaught exceptions, console errors and warnings, as they come. */
    errors: string[];
    warnings: string[];
  }

  /**
   * `file` open in a fresh browser context, its shadow roots recorded, once every widget has
   * rendered; `beforeLoad` sets the tab up first (its network held back, say).
   */
  async function visit(file: string, beforeLoad?: (tab: Page) => Promise<void>): Promise<Visit> {
    const context = await setup.browser.createBrowserContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    const warnings: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
      if (message.type() === 'warn') warnings.push(message.text());
    });
    tab.on('pageerror', (error) => errors.push(`uncaught: ${String(error)}`));
    await tab.evaluateOnNewDocument(recordShadowStates);
    await beforeLoad?.(tab);
    await tab.goto(`${setup.server.url}/${file}`, { waitUntil: 'networkidle0' });
    await waitInShadow(tab, 'egov-article-view', '[part="content"]');
    await waitInShadow(tab, 'egov-video', '[part="play-button"]');
    await waitInShadow(tab, 'egov-web-links', '[part="input"]');
    await waitInShadow(tab, 'egov-agency-footer', '[part="copyright"]');
    return { page: tab, errors, warnings };
  }

  /**
   * Holds back the requests of `tab` whose path `held` matches for 1.5 s, as on a slow line, and
   * notes of each request `watched` matches whether it went 'before' or 'after' the held one was answered.
   */
  async function holdBack(tab: Page, held: (path: string) => boolean, watched: (path: string) => boolean): Promise<string[]> {
    const sent: string[] = [];
    let answered = false;
    await tab.setRequestInterception(true);
    tab.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (watched(pathname)) sent.push(answered ? 'after' : 'before');
      if (!held(pathname)) {
        void request.continue();
        return;
      }
      setTimeout(() => {
        answered = true;
        void request.continue();
      }, 1500);
    });
    return sent;
  }

  /** Every request the page made for the English part. */
  const partRequests = async (tab: Page) =>
    (await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter((url) => url.endsWith(`/${PART}`));

  const states = (tab: Page) => tab.evaluate(() => (window as unknown as { __states: Record<string, string[]> }).__states);

  /** What a reader sees of each widget now: a message of each, in the language expected. */
  async function shown(tab: Page) {
    return {
      article: await shadowText(tab, 'egov-article-view'),
      video: await tab.$eval('egov-video >>> [part="play-button"]', (button) => button.getAttribute('aria-label')),
      links: await tab.$eval('egov-web-links >>> [part="input"]', (input) => (input as HTMLInputElement).placeholder),
      footer: await shadowText(tab, 'egov-agency-footer'),
    };
  }

  function assertEnglish(now: Awaited<ReturnType<typeof shown>>): void {
    assert.ok(now.article.includes('Published: 11 May 2018'), now.article);
    assert.equal(now.video, 'Play video: Sample film');
    assert.equal(now.links, '-- Choose a link --');
    assert.ok(now.footer.includes('Phone: 02083874436'), now.footer);
    assert.ok(now.footer.includes('Copyright © 2015'), now.footer);
  }

  function assertVietnamese(now: Awaited<ReturnType<typeof shown>>): void {
    assert.ok(now.article.includes('Ngày đăng: 11/05/2018'), now.article);
    assert.equal(now.video, 'Phát video: Sample film');
    assert.equal(now.links, '-- Chọn liên kết --');
    assert.ok(now.footer.includes('Điện thoại: 02083874436'), now.footer);
  }

  it('makes no request for English on a Vietnamese page', async () => {
    const { page: tab, errors, warnings } = await visit('vi.html');
    assertVietnamese(await shown(tab));
    assert.deepEqual(await partRequests(tab), []);
    assert.deepEqual([errors, warnings], [[], []]);
    await tab.browserContext().close();
  });

  it('loads English once for every widget of an English page, and shows no Vietnamese word before it', async () => {
    const { page: tab, errors, warnings } = await visit('en.html');
    assertEnglish(await shown(tab));
    assert.deepEqual(await partRequests(tab), [`${setup.server.url}/dist/${PART}`]);

    // The open list, a part of its own, speaks English too.
    await tab.focus('egov-web-links >>> [part="input"]');
    await tab.keyboard.type('zzz');
    await waitInShadow(tab, 'egov-web-links', '[part="empty"]');
    assert.equal(await tab.$eval('egov-web-links >>> [part="empty"]', (note) => note.textContent?.trim()), 'No links found');

    const recorded = await states(tab);
    assert.deepEqual(Object.keys(recorded).sort(), ['egov-agency-footer', 'egov-article-view', 'egov-video', 'egov-web-links']);
    for (const [tag, each] of Object.entries(recorded)) {
      assert.ok(each.length > 0, `${tag}: no state recorded`);
      const vietnamese = each.filter((state) => VIETNAMESE_LETTER.test(state));
      assert.deepEqual(vietnamese, [], `${tag} showed Vietnamese`);
    }
    // The first state of each widget is already in English.
    assert.ok(recorded['egov-agency-footer']![0]!.includes('Phone:'), recorded['egov-agency-footer']![0]);
    assert.ok(recorded['egov-video']![0]!.includes('Play video: Sample film'), recorded['egov-video']![0]);
    assert.deepEqual(await partRequests(tab), [`${setup.server.url}/dist/${PART}`]);
    assert.deepEqual([errors, warnings], [[], []]);
    await tab.browserContext().close();
  });

  it('with the README’s preload line, asks for English while the main script is on its way, once, and uses it', async () => {
    // The main script held back 1.5 s, as on a slow line; when the part is asked for, noted.
    let partSent: string[] = [];
    const holdMainScript = async (tab: Page) => {
      partSent = await holdBack(tab, (path) => path.endsWith('/egov-widgets.js'), (path) => path.endsWith(`/${PART}`));
    };
    // Its warnings include Chrome's "preloaded but not used within a few seconds".
    const { page: tab, errors, warnings } = await visit('en-preload.html', holdMainScript);
    assertEnglish(await shown(tab));
    assert.deepEqual(partSent, ['before'], 'the part asked for before the main script came');
    for (const [tag, each] of Object.entries(await states(tab))) {
      assert.deepEqual(each.filter((state) => VIETNAMESE_LETTER.test(state)), [], `${tag} showed Vietnamese`);
    }
    // Unused, Chrome warns 3 s after the load.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    assert.deepEqual([errors, warnings], [[], []]);
    await tab.browserContext().close();
  });

  it('asks for a remote article while the English messages are on their way, not after them, and labels it in English', async () => {
    const context = await setup.browser.createBrowserContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(`uncaught: ${String(error)}`));
    // The English part held back 1.5 s, as on a slow line: the article's request must not wait for it.
    const articleSent = await holdBack(tab, (path) => path.endsWith(`/${PART}`), (path) => path === '/api/articles/table');
    // Narrow, as a phone's: the table is cut off, so its box is a region with a name.
    await tab.setViewport({ width: 100, height: 800 });
    await tab.goto(`${setup.server.url}/en-remote.html`, { waitUntil: 'networkidle0' });
    await waitInShadow(tab, 'egov-article-view', '[part="content"] [aria-label]');
    assert.deepEqual(articleSent, ['before'], 'the article asked for before the part came');
    const label = await tab.$eval('egov-article-view >>> [part="content"] [aria-label]', (box) => box.getAttribute('aria-label'));
    assert.equal(label, 'Table, scroll sideways to see all of it');
    assert.ok((await shadowText(tab, 'egov-article-view')).includes('Published: 11 May 2018'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('loads English once when a Vietnamese page switches to English at run time', async () => {
    const { page: tab, errors, warnings } = await visit('vi.html');
    assertVietnamese(await shown(tab));
    await tab.evaluate(() => (document.documentElement.lang = 'en'));
    await until(async () => (await shown(tab)).links === '-- Choose a link --', 'the switch to English');
    assertEnglish(await shown(tab));
    await tab.evaluate(() => (document.documentElement.lang = 'vi'));
    await until(async () => (await shown(tab)).links === '-- Chọn liên kết --', 'the switch back to Vietnamese');
    assertVietnamese(await shown(tab));
    await tab.evaluate(() => (document.documentElement.lang = 'en'));
    await until(async () => (await shown(tab)).links === '-- Choose a link --', 'the second switch to English');
    assertEnglish(await shown(tab));
    assert.deepEqual(await partRequests(tab), [`${setup.server.url}/dist/${PART}`]);
    assert.deepEqual([errors, warnings], [[], []]);
    await tab.browserContext().close();
  });

  it('shows Vietnamese with one warning when English cannot be loaded, and tries again at the next switch', async () => {
    const { page: tab, errors, warnings } = await visit('en-missing-part.html');
    const missing = `${setup.server.url}/js/${PART}`;
    assertVietnamese(await shown(tab));
    assert.deepEqual(await partRequests(tab), [missing]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /no English messages/);
    // The failed request (a 404, in JSON) is the browser's only complaint: no exception.
    const aboutTheFile = (error: string) => !error.startsWith('uncaught') && (error.includes('404') || error.includes(`/js/${PART}`));
    assert.ok(errors.length > 0 && errors.every(aboutTheFile), errors.join('\n'));
    // Later updates (the list, typed into) do not ask again.
    await tab.focus('egov-web-links >>> [part="input"]');
    await tab.keyboard.type('zzz');
    await waitInShadow(tab, 'egov-web-links', '[part="empty"]');
    assert.equal(await tab.$eval('egov-web-links >>> [part="empty"]', (note) => note.textContent?.trim()), 'Không tìm thấy liên kết nào');
    assert.deepEqual(await partRequests(tab), [missing]);

    // A switch to Vietnamese and back to English tries again (still missing: a second warning) …
    await tab.evaluate(() => (document.documentElement.lang = 'vi'));
    await tab.evaluate(() => new Promise(requestAnimationFrame));
    await tab.evaluate(() => (document.documentElement.lang = 'en'));
    await until(() => warnings.length === 2, 'the second warning');
    assertVietnamese(await shown(tab));
    // … and once the webmaster has copied the part, the next switch brings English.
    copyFileSync(path.join('dist', PART), path.join(folder, 'js', PART));
    await tab.evaluate(() => (document.documentElement.lang = 'vi'));
    await tab.evaluate(() => new Promise(requestAnimationFrame));
    await tab.evaluate(() => (document.documentElement.lang = 'en'));
    await until(async () => (await shown(tab)).links === '-- Choose a link --', 'English once the part is there');
    assertEnglish(await shown(tab));
    assert.deepEqual(await partRequests(tab), [missing, missing, missing]);
    assert.equal(warnings.length, 2);
    assert.ok(errors.every(aboutTheFile), errors.join('\n'));
    await tab.browserContext().close();
  });
});
