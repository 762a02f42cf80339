// The webmaster's playground, driven in Chromium against the real server and the built bundle.
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { pageHealth, recordPageHealth, shadowText, useServerAndBrowser, watchProblems } from './browser.js';

describe('playground', () => {
  const setup = useServerAndBrowser();

  async function openPlayground(widget: string): Promise<{ page: Page; problems: string[] }> {
    const page = await setup.browser.newPage();
    const problems = watchProblems(page);
    await recordPageHealth(page);
    await page.goto(`${setup.server.url}/playground.html?widget=${widget}`, { waitUntil: 'networkidle0' });
    return { page, problems };
  }

  async function fillField(page: Page, name: string, value: string): Promise<void> {
    await page.$eval(`#attribute-fields [name="${name}"]`, (input) => ((input as HTMLInputElement).value = ''));
    await page.type(`#attribute-fields [name="${name}"]`, value);
  }

  it('updates the live preview as an attribute is edited', async () => {
    const { page, problems } = await openPlayground('egov-agency-footer');
    await fillField(page, 'site-name', 'XÃ YÊN TRẠCH');
    await page.waitForFunction(
      () => document.querySelector('#preview egov-agency-footer')?.shadowRoot?.textContent?.includes('XÃ YÊN TRẠCH'),
      { polling: 100 },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual((await pageHealth(page)).cspViolations, []);
    await page.close();
  });

  it('previews the video facade and the rotating banners, and puts their attributes in the snippet', async () => {
    const { page, problems } = await openPlayground('egov-video');
    await page.waitForFunction(() => document.querySelector('#preview egov-video')?.shadowRoot?.querySelector('[part="play-button"]'), { polling: 100 });
    assert.match(await page.$eval('#snippet', (code) => code.textContent ?? ''), /youtube="aqz-KE-bpKQ"/);
    await page.select('#widget-select', 'egov-banners');
    await page.waitForFunction(() => document.querySelector('#preview egov-banners')?.shadowRoot?.querySelector('[part="pause-button"]'), { polling: 100 });
    assert.match(await page.$eval('#snippet', (code) => code.textContent ?? ''), /layout="rotate"/);
    assert.deepEqual(problems, []);
    assert.deepEqual((await pageHealth(page)).cspViolations, []);
    await page.close();
  });

  it('keeps typed markup as data: nothing runs, the snippet is escaped', async () => {
    const { page, problems } = await openPlayground('egov-agency-footer');
    const payload = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await fillField(page, 'agency', payload);
    await page.waitForFunction(() => document.getElementById('snippet')?.textContent?.includes('&quot;&gt;&lt;img'), { polling: 100 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.$('#preview img'), null);
    assert.equal(await page.$eval('#preview egov-agency-footer', (element) => element.getAttribute('agency')), payload);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('writes the addresses of the snippet in full, for a page on another site', async () => {
    const { page } = await openPlayground('egov-poll');
    const poll = await page.$eval('#snippet', (code) => code.textContent ?? '');
    assert.match(poll, new RegExp(`endpoint="${setup.server.url}/api"`));
    await page.goto(`${setup.server.url}/playground.html?widget=egov-web-links`, { waitUntil: 'networkidle0' });
    const links = await page.$eval('#snippet', (code) => code.textContent ?? '');
    assert.match(links, new RegExp(`src="${setup.server.url}/data/web-links.json"`));
    await page.close();
  });

  it('has no axe violations, whichever widget is picked, in Vietnamese and English', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    // axe is added as a script of its own: past the page's CSP, which allows none.
    await page.setBypassCSP(true);
    for (const [widget, lang] of ['egov-article-view', 'egov-poll', 'egov-web-links', 'egov-agency-footer', 'egov-video', 'egov-banners'].flatMap((tag) => [[tag, 'vi'], [tag, 'en']])) {
      await page.goto(`${setup.server.url}/playground.html?widget=${widget}`, { waitUntil: 'networkidle0' });
      // The choice is kept between loads: said each time.
      await page.click(`[data-lang="${lang}"]`);
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const { violations } = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }).axe.run();
        return violations.map((violation) => violation.id);
      });
      assert.deepEqual(violations, [], `${widget} (${lang})`);
    }
    await context.close();
  });

  it('speaks English from the language switch, the preview too, keeping what was typed, and opens in it next time', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${setup.server.url}/playground.html?widget=egov-poll`, { waitUntil: 'networkidle0' });
    // Set at once (typed, every partial id would be asked for): the closed 2018 poll.
    await page.$eval('#attribute-fields [name="poll-id"]', (input) => {
      (input as HTMLInputElement).value = 'nghi-tet-2018';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.click('[data-lang="en"]');
    const texts = () =>
      page.evaluate(() => ({
        title: document.title,
        heading: document.querySelector('#form-title')?.textContent,
        widget: document.querySelector<HTMLSelectElement>('#widget-select')?.selectedOptions[0]?.text,
        description: document.querySelector('#widget-description')?.textContent,
        label: document.querySelector('label[for="field-1"]')?.textContent,
        fromPage: document.querySelector<HTMLOptionElement>('#attribute-fields [name="lang"] option[value=""]')?.text,
        copy: document.querySelector('#copy-snippet')?.textContent,
        pollId: document.querySelector<HTMLInputElement>('#attribute-fields [name="poll-id"]')?.value,
      }));
    const english = {
      title: 'Widget playground — egov-widgets',
      heading: '1. Pick a widget and its attributes',
      widget: 'Poll (egov-poll)',
      description: "A readers' poll, connected to the poll server.",
      label: 'Poll ID (poll-id)',
      fromPage: '(from the page)',
      copy: 'Copy the embed code',
      pollId: 'nghi-tet-2018',
    };
    assert.deepEqual(await texts(), english);
    await page.waitForFunction(
      () => document.querySelector('#preview egov-poll')?.shadowRoot?.textContent?.includes('This poll has closed.'),
      { polling: 100, timeout: 10_000 },
    );
    await page.reload({ waitUntil: 'networkidle0' });
    assert.deepEqual(await texts(), { ...english, pollId: 'nghi-le' });
    await page.click('[data-lang="vi"]');
    assert.equal((await texts()).label, 'Mã cuộc bình chọn (poll-id)');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('copies a snippet that, pasted into an empty page, renders the same widget', async () => {
    const { page } = await openPlayground('egov-agency-footer');
    await fillField(page, 'phone', '0208 3874 436');
    await page.waitForFunction(() => document.getElementById('snippet')?.textContent?.includes('0208 3874 436'), { polling: 100 });
    const context = setup.browser.defaultBrowserContext();
    await context.overridePermissions(setup.server.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await page.click('#copy-snippet');
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent?.includes('Đã sao chép'), { polling: 100 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.$eval('#snippet', (code) => code.textContent));
    const previewText = await shadowText(page, '#preview egov-agency-footer');

    // An empty page with nothing but the pasted snippet.
    const empty = await setup.browser.newPage();
    const problems = watchProblems(empty);
    await empty.setContent(`<!doctype html><html lang="vi"><body>${copied}</body></html>`, { waitUntil: 'load' });
    await empty.waitForFunction(() => document.querySelector('egov-agency-footer')?.shadowRoot?.querySelector('footer'), { polling: 100 });
    assert.equal(await shadowText(empty, 'egov-agency-footer'), previewText);
    assert.match(previewText, /Điện thoại: 0208 3874 436/);
    assert.deepEqual(problems, []);
    await empty.close();
    await page.close();
  });
});
