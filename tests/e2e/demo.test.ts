// The demo portal page as a reader meets it: the built one-script bundle, served with its strict
// CSP by the real reference server, driven in Debian's Chromium at phone, tablet and desktop widths.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'puppeteer-core';
import { startReferenceServer } from '../support/reference-server.mjs';
import { THIRD_PARTY_HOST } from '../support/third-party.js';
import {
  pageHealth, recordPageHealth, shadowText, useServerAndBrowser, voteByKeyboard, waitForWidgets, waitInShadow, watchProblems,
} from './browser.js';

const SCREENSHOTS = 'screenshots';
const WIDTHS = [360, 768, 1280];
const HEADING = 'Huyện Phú Lương chú trọng xây dựng, nâng cao chất lượng đội ngũ cán bộ từ huyện đến cơ sở';


async function totalVotes(page: Page): Promise<number> {
  const total = await page.$eval('egov-poll >>> [part="total"]', (element) => element.textContent ?? '');
  return Number(/([\d.]+)/.exec(total)?.[1]?.replace(/\./g, '') ?? NaN);
}

interface ServerPoll {
  totalVotes: number;
  options: { id: string; votes: number }[];
}

const votesFor = (poll: ServerPoll, optionId: string): number => poll.options.find((option) => option.id === optionId)?.votes ?? NaN;

describe('demo portal page', () => {
  const setup = useServerAndBrowser();

  before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  /** The demo's holiday poll as the server counts it now. */
  async function serverPoll(): Promise<ServerPoll> {
    return (await fetch(`${setup.server.url}/api/polls/nghi-le`)).json() as Promise<ServerPoll>;
  }

  async function openDemo(context: BrowserContext, width: number) {
    const page = await context.newPage();
    await page.setViewport({ width, height: 900 });
    const problems = watchProblems(page);
    await recordPageHealth(page);
    await page.goto(`${setup.server.url}/`, { waitUntil: 'networkidle0' });
    await waitForWidgets(page);
    return { page, problems };
  }

  for (const width of WIDTHS) {
    it(`takes a reader through the page at ${width} px: read, enlarge, vote, reload, open a link`, async () => {
      const context = await setup.browser.createBrowserContext();
      const { page, problems } = await openDemo(context, width);
      // Layout shift is judged on the load alone, before the reader does anything.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const loaded = await pageHealth(page);
      assert.ok(loaded.layoutShift < 0.01, `cumulative layout shift ${loaded.layoutShift} at ${width} px`);

      // Read.
      assert.equal(await page.$eval('egov-article-view >>> [part="heading"]', (h) => h.textContent?.trim()), HEADING);
      assert.match(await shadowText(page, 'egov-article-view'), /Tin, bài: Quang Sơn/);

      // Enlarge the text.
      const sizeOf = () =>
        page.$eval('egov-article-view >>> [part="content"]', (element) => parseFloat(getComputedStyle(element).fontSize));
      const before = await sizeOf();
      await page.click('egov-article-view >>> [data-tool="larger"]');
      await page.waitForFunction(
        (size) => {
          const content = document.querySelector('egov-article-view')?.shadowRoot?.querySelector('[part="content"]');
          return content && parseFloat(getComputedStyle(content).fontSize) > size;
        },
        { polling: 100 },
        before,
      );

      // Vote with the keyboard alone: arrow to the second option, Tab to "Bình chọn", Enter.
      const counted = await serverPoll();
      await voteByKeyboard(page);
      const afterVote = await totalVotes(page);
      // The server, asked past the page, counted exactly this vote, for "2 ngày"; the page shows its total.
      const recounted = await serverPoll();
      assert.equal(recounted.totalVotes, counted.totalVotes + 1, 'the server counted one more ballot');
      assert.equal(votesFor(recounted, '2-ngay'), votesFor(counted, '2-ngay') + 1, 'for the second option');
      assert.equal(afterVote, recounted.totalVotes, 'the total shown is the server\'s');
      assert.match(await shadowText(page, 'egov-poll'), /2 ngày \(lựa chọn của bạn\)/);

      // Reload (once the page is quiet, as a reader would): the results are still there, with the
      // same count, and the text size is remembered.
      await page.waitForNetworkIdle();
      await page.reload({ waitUntil: 'networkidle0' });
      await waitInShadow(page, 'egov-poll', '[part="results"]');
      assert.equal(await totalVotes(page), afterVote);
      assert.ok((await sizeOf()) > before, 'the larger text size is remembered');

      // Find and open "Cổng Thông tin điện tử Chính phủ" by typing "chinh phu".
      await page.focus('egov-web-links >>> [part="input"]');
      await page.keyboard.type('chinh phu');
      await waitInShadow(page, 'egov-web-links', '[part~="option"]');
      await page.keyboard.press('ArrowDown');
      const active = await page.$eval('egov-web-links >>> [part~="active-option"]', (option) => option.textContent ?? '');
      assert.match(active, /Cổng Thông tin điện tử Chính phủ/);
      const opened = setup.browser.waitForTarget((target) => target.url().startsWith('https://chinhphu.vn'), { timeout: 10_000 });
      await page.keyboard.press('Enter');
      const tab = await opened;
      await (await tab.page())?.close();

      await page.screenshot({ path: `${SCREENSHOTS}/demo-${width}.png`, fullPage: true });
      assert.deepEqual(problems, []);
      assert.deepEqual((await pageHealth(page)).cspViolations, []);
      await context.close();
    });
  }

  it('shows the "Quảng Cáo" and "Video" boxes, contacting no YouTube or Google host before play', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const problems = watchProblems(page);
    await page.goto(`${setup.server.url}/`, { waitUntil: 'networkidle0' });
    await waitForWidgets(page);

    const banners = await page.$$eval('egov-banners >>> [part="link"]', (links) =>
      links.map((link) => ({ href: link.getAttribute('href'), alt: link.querySelector('img')?.alt, loaded: link.querySelector('img')!.naturalWidth > 0 })),
    );
    assert.deepEqual(banners.map((banner) => banner.href), ['https://dichvucong.gov.vn/', 'https://chinhphu.vn/', 'https://thainguyen.gov.vn/']);
    assert.equal(banners[0]!.alt, 'Cổng Dịch vụ công quốc gia');
    assert.ok(banners.every((banner) => banner.loaded), 'the banner images are on screen');

    const play = await page.$eval('egov-video >>> [part="play-button"]', (button) => button.getAttribute('aria-label'));
    assert.equal(play, 'Phát video: Phim mẫu: Big Buck Bunny (Blender Foundation)');
    assert.equal(await page.$('egov-video >>> iframe'), null);
    // Through the keyboard: Tab from the last banner reaches the play button.
    await page.evaluate(() => (document.querySelector('egov-banners')!.shadowRoot!.querySelectorAll('a')[2] as HTMLElement).focus());
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.querySelector('egov-video')?.shadowRoot?.activeElement?.getAttribute('part')),
      'play-button',
    );

    await page.waitForNetworkIdle();
    const thirdParty = requested.filter((url) => /^https?:/.test(url) && THIRD_PARTY_HOST.test(new URL(url).hostname));
    assert.deepEqual(thirdParty, []);
    assert.ok(requested.every((url) => !/^https?:/.test(url) || url.startsWith(setup.server.url)), `requests: ${requested.join(', ')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('switches every widget to English with the page', async () => {
    const context = await setup.browser.createBrowserContext();
    const { page, problems } = await openDemo(context, 1280);
    await page.click('[data-lang="en"]');
    await page.waitForFunction(
      () => document.querySelector('egov-agency-footer')?.shadowRoot?.textContent?.includes('Address:'),
      { polling: 100 },
    );
    assert.match(await shadowText(page, 'egov-article-view'), /min read/);
    assert.match(await shadowText(page, 'egov-poll'), /Vote/);
    assert.match(await shadowText(page, 'egov-agency-footer'), /All rights reserved\./);
    assert.match(await page.$eval('egov-video >>> [part="play-button"]', (button) => button.getAttribute('aria-label') ?? ''), /^Play video: /);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps the article, the links and the footer details readable without JavaScript', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${setup.server.url}/`, { waitUntil: 'load' });
    const text = await page.evaluate(() => document.body.innerText);
    assert.match(text, /Huyện Phú Lương chú trọng xây dựng/);
    assert.match(text, /Tổng số đảng viên \(tính đến tháng 04\/2018\) toàn huyện có 5\.443 đồng chí\./);
    assert.match(text, /Tin, bài: Quang Sơn/);
    assert.match(text, /Cổng Thông tin điện tử Chính phủ/);
    assert.match(text, /Phim mẫu: Big Buck Bunny/);
    assert.ok(await page.$('egov-banners a[href="https://dichvucong.gov.vn"] img[alt="Cổng Dịch vụ công quốc gia"]'));
    assert.match(text, /Bạn mong muốn được nghỉ lễ bao nhiêu ngày\?/);
    assert.match(text, /Địa chỉ: Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên/);
    assert.match(text, /Điện thoại: 02083874436/);
    assert.match(text, /Email: bbt\.phuluong@thainguyen\.gov\.vn/);
    const linkHref = await page.$eval('egov-web-links a', (a) => a.getAttribute('href'));
    assert.equal(linkHref, 'https://chinhphu.vn');
    await context.close();
  });

  it('still shows a reader their vote after the server restarts', async () => {
    const context = await setup.browser.createBrowserContext();
    const { page } = await openDemo(context, 1280);
    await page.click('egov-poll >>> input[type="radio"]');
    await page.click('egov-poll >>> [part="vote-button"]');
    await waitInShadow(page, 'egov-poll', '[part="results"]');
    const counted = await totalVotes(page);

    await page.waitForNetworkIdle();
    await setup.server.stop();
    setup.server = await startReferenceServer({ dbPath: setup.server.dbPath, port: setup.server.port });
    await page.reload({ waitUntil: 'networkidle0' });
    await waitInShadow(page, 'egov-poll', '[part="results"]');
    assert.equal(await totalVotes(page), counted);
    await context.close();
  });
});
