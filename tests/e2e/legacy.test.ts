// The kit on the kind of page it is made for: Bootstrap 3 (its 10 px root) and jQuery 1.x from npm,
// side boxes with overflow: hidden, the page's own !important rules, one ASP.NET-style form around
// everything, the README's snippets pasted in, some widgets added later with jQuery's .html().
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { FORM_ACTION, startLegacyHost, type LegacyHost } from '../support/legacy-host.mjs';
import { startReferenceServer, type ReferenceServer } from '../support/reference-server.mjs';
import { launchBrowser, voteByKeyboard, waitForWidgets, waitInShadow, watchProblems } from './browser.js';

const SCREENSHOTS = 'screenshots';
const WIDTHS = [360, 768, 1280];

/** The sizes a reader sees, in CSS px: text of each widget, and the height of two controls. */
interface Sizes {
  articleBody: number;
  pollOption: number;
  voteButtonHeight: number;
  linksInput: number;
  linksFieldHeight: number;
  footer: number;
  videoTitle: number;
}

/**
 * What the widgets measure with the browser's default text size of 16 px (the article body is
 * 1.0625em, the footer's legal lines 0.9375em), whatever the page's root size: the oracle.
 */
const AT_16PX: Sizes = {
  articleBody: 17,
  pollOption: 16,
  voteButtonHeight: 38, // 1.5em of text + 2 × 0.375em of padding + 2 px of border
  linksInput: 16,
  linksFieldHeight: 46, // 2.75em + 2 px of border
  footer: 15,
  videoTitle: 16,
};

function scaled(sizes: Sizes, factor: number): Sizes {
  return Object.fromEntries(Object.entries(sizes).map(([key, value]) => [key, value * factor])) as unknown as Sizes;
}

/** What `measure` reads: the host, the part inside it (none: the host's own slotted `<p>`), and how. */
const PROBES: [keyof Sizes, string, string, 'font' | 'height'][] = [
  // The body text the reader reads: the page's own <p>, slotted into the article.
  ['articleBody', 'egov-article-view > p:not([slot])', '', 'font'],
  ['pollOption', 'egov-poll', '[part="option"]', 'font'],
  ['voteButtonHeight', 'egov-poll', '[part="vote-button"]', 'height'],
  // The first links box: on the legacy page, the one in the clipping side box.
  ['linksInput', 'egov-web-links', '[part="input"]', 'font'],
  ['linksFieldHeight', 'egov-web-links', '[part="field"]', 'height'],
  ['footer', 'egov-agency-footer', '[part="copyright"]', 'font'],
  ['videoTitle', 'egov-video', '[part="title"]', 'font'],
];

/** Sizes of the widgets on the open page. */
async function measure(page: Page): Promise<Sizes> {
  // Plain callbacks only: functions sent to the page must not carry the test build's helpers.
  const values = await page.evaluate(
    (probes) =>
      probes.map(([, host, part, kind]) => {
        const hostElement = document.querySelector(host);
        const element = part ? hostElement?.shadowRoot?.querySelector(part) : hostElement;
        if (!element) throw new Error(`${host} ${part} not found`);
        return kind === 'font' ? parseFloat(getComputedStyle(element).fontSize) : element.getBoundingClientRect().height;
      }),
    PROBES,
  );
  return Object.fromEntries(PROBES.map(([key], index) => [key, values[index]])) as unknown as Sizes;
}

function assertSizes(actual: Sizes, expected: Sizes, where: string): void {
  for (const key of Object.keys(expected) as (keyof Sizes)[]) {
    assert.ok(Math.abs(actual[key] - expected[key]) <= 0.5, `${where}: ${key} is ${actual[key]} px, expected ${expected[key]} px`);
  }
}

async function votesFor(server: ReferenceServer): Promise<number> {
  const answer = await fetch(`${server.url}/api/polls/nghi-le`);
  return ((await answer.json()) as { totalVotes: number }).totalVotes;
}

describe('legacy Bootstrap 3 portal page', () => {
  let server: ReferenceServer;
  let host: LegacyHost;
  let browser: Browser;

  before(async () => {
    server = await startReferenceServer();
    host = await startLegacyHost({ api: server.url });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
    await server?.stop();
  });

  /** Opens `url` at `width` and waits until every widget, the late ones too, has rendered. */
  async function open(context: BrowserContext, width: number, url: string, setUp?: (page: Page) => Promise<void>) {
    const legacy = url.startsWith(host.url);
    const page = await context.newPage();
    await page.setViewport({ width, height: 800 });
    const problems = watchProblems(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === FORM_ACTION || request.method() === 'POST' && !request.url().includes('/api/')) {
        posts.push(`${request.method()} ${request.url()}`);
      }
    });
    await setUp?.(page);
    await page.goto(url, { waitUntil: 'networkidle0' });
    await waitForWidgets(page);
    // A fresh database: the poll offers its form (a vote follows).
    await waitInShadow(page, 'egov-poll', '[part="form"]');
    if (!legacy) return { page, problems, posts };
    await page.waitForFunction(() => document.querySelector('#late-links egov-web-links')?.shadowRoot?.querySelector('[part="input"]'), {
      polling: 100,
      timeout: 20_000,
    });
    return { page, problems, posts };
  }

  for (const width of WIDTHS) {
    it(`at ${width} px: sized as on a 16 px page, the list over its clipping box, a keyboard vote, no post-back`, async () => {
      const context = await browser.createBrowserContext();
      const demo = await open(context, width, `${server.url}/`);
      const onDemo = await measure(demo.page);
      await demo.page.close();

      const { page, problems, posts } = await open(context, width, `${host.url}/`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '10px', 'Bootstrap 3 sets a 10 px root');
      const onLegacy = await measure(page);
      assertSizes(onLegacy, AT_16PX, `legacy page at ${width} px`);
      assertSizes(onLegacy, onDemo, `legacy page against the demo page at ${width} px`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(scroll, 0, `no sideways scrolling at ${width} px`);

      // Open the links list inside the side box that clips (overflow: hidden): every option is on
      // screen and is what the browser finds under the pointer at its centre.
      await page.click('#links-box egov-web-links >>> [part="input"]');
      await waitInShadow(page, '#links-box egov-web-links', '[part~="option"]');
      const hits = await page.evaluate(() => {
        const root = document.querySelector('#links-box egov-web-links')!.shadowRoot!;
        const box = document.querySelector('#links-box')!.getBoundingClientRect();
        return [...root.querySelectorAll('[role="option"]')].map((option) => {
          const rect = option.getBoundingClientRect();
          const x = rect.x + rect.width / 2;
          const y = rect.y + rect.height / 2;
          return { inViewport: y > 0 && y < innerHeight, outsideBox: y > box.bottom, hit: option.contains(root.elementFromPoint(x, y)) };
        });
      });
      assert.ok(hits.length >= 1);
      // Named by the link's title, which Bootstrap's tooltip plugin moved to data-original-title;
      // the banner without alt likewise.
      const names = await page.evaluate(() => ({
        options: [...document.querySelector('#links-box egov-web-links')!.shadowRoot!.querySelectorAll('[role="option"]')].map((option) =>
          option.textContent!.replace(/\s*\(mở trong thẻ mới\)[\s\S]*$/, '').trim(),
        ),
        banners: [...document.querySelector('#banners-box egov-banners')!.shadowRoot!.querySelectorAll('img')].map((image) => image.alt),
      }));
      assert.deepEqual(names, {
        options: ['Cổng Thông tin điện tử Chính phủ', 'Cổng Thông tin điện tử tỉnh Thái Nguyên'],
        banners: ['Cổng Dịch vụ công quốc gia', 'Cổng Thông tin điện tử Chính phủ', 'Cổng Thông tin điện tử tỉnh Thái Nguyên'],
      });
      assert.deepEqual(hits.map((hit) => hit.hit && hit.inViewport), hits.map(() => true), `options hit-testable at ${width} px`);
      assert.ok(hits.some((hit) => hit.outsideBox), 'the list reaches past the bottom of the clipping box');
      await page.screenshot({ path: `${SCREENSHOTS}/legacy-${width}-links-open.png` });
      const tab = browser.waitForTarget((target) => target.url().startsWith('https://chinhphu.vn'), { timeout: 10_000 });
      const option = await page.$('#links-box egov-web-links >>> [role="option"]');
      await option!.click();
      await (await (await tab).page())?.close();

      // The late links box (added with jQuery's .html(), a long list from src): by keyboard alone.
      await page.focus('#late-links egov-web-links >>> [part="input"]');
      await page.keyboard.type('dai tu');
      await page.keyboard.press('ArrowDown');
      const active = await page.$eval('#late-links egov-web-links >>> [part~="active-option"]', (element) => {
        const rect = element.getBoundingClientRect();
        const root = element.getRootNode() as ShadowRoot;
        return { text: element.textContent ?? '', hit: element.contains(root.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2)) };
      });
      assert.match(active.text, /Huyện Đại Từ/);
      assert.equal(active.hit, true);
      await page.keyboard.press('Escape');

      // Vote with the keyboard alone inside the page-wide form: the vote counts, the form never posts.
      const votesBefore = await votesFor(server);
      await voteByKeyboard(page);
      assert.equal(await votesFor(server), votesBefore + 1);
      // Enter in the filter box of the links, too, must not submit the form.
      await page.focus('#links-box egov-web-links >>> [part="input"]');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      // Enter on the widgets' own buttons presses them, not the form's default button.
      const textSize = () => page.$eval('egov-article-view >>> [part="content"]', (content) => content.className);
      const sizeBefore = await textSize();
      await page.focus('egov-article-view >>> [data-tool="larger"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (before) => document.querySelector('egov-article-view')?.shadowRoot?.querySelector('[part="content"]')?.className !== before,
        { polling: 100, timeout: 5_000 },
        sizeBefore,
      );
      await page.waitForNetworkIdle();
      assert.equal(new URL(page.url()).pathname, '/');
      assert.deepEqual(posts, []);
      assert.deepEqual(host.formPosts, []);

      await page.screenshot({ path: `${SCREENSHOTS}/legacy-${width}.png`, fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('grows with --egov-font-size on the page', async () => {
    const context = await browser.createBrowserContext();
    const { page, problems } = await open(context, 1280, `${host.url}/`, async (tab) => {
      await tab.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('--egov-font-size', '20px'));
      });
    });
    assertSizes(await measure(page), scaled(AT_16PX, 20 / 16), '--egov-font-size: 20px');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('grows with the default text size the reader set in the browser', async () => {
    const context = await browser.createBrowserContext();
    const { page, problems } = await open(context, 1280, `${host.url}/`, async (tab) => {
      const session = await tab.createCDPSession();
      await session.send('Page.enable');
      await session.send('Page.setFontSizes', { fontSizes: { standard: 20, fixed: 16 } });
    });
    assertSizes(await measure(page), scaled(AT_16PX, 20 / 16), 'a 20 px browser default');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
