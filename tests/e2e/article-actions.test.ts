// The article's read aloud and print as an on-demand part of the built bundle,
// `egov-article-actions.js` (src/article-view/article-actions.ts), under the reference server's
// strict CSP with Trusted Types: not requested while the reader only reads, requested once when
// they come to the toolbar; a press that comes before the part still reads or prints, within the
// press's user activation; a part that cannot be loaded is said on the status line and reported
// as `egov-error`, and a later press loads it. The browser's speech and print dialog are recorded
// where the page calls them, with the user activation at that moment: headless Chromium has no
// voice (every utterance fails, `synthesis-failed`, activated or not) and no print dialog.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { useServerAndBrowser, waitInShadow } from './browser.js';

const PART = 'egov-article-actions.js';

function articlePage(script: string): string {
  return `<!doctype html>
<html lang="vi">
  <head><meta charset="utf-8" /><title>Bài</title><link rel="icon" href="data:," /><script src="${script}" defer></script></head>
  <body>
    <egov-article-view id="a" heading="Huyện ủy tổng kết công tác cán bộ" published="2018-05-11" author="Quang Sơn">
      <p>Ban tổ chức Huyện ủy tham mưu công tác cán bộ.</p>
    </egov-article-view>
  </body>
</html>
`;
}

/** What the page's calls to the browser's speech and print were, with the user activation at each. */
interface Recorded {
  spoken: { text: string; lang: string; activated: boolean }[];
  printed: { activated: boolean }[];
  errors: { code: string; message: string }[];
}

/** Before any page script: records `speechSynthesis.speak`, `print` and `egov-error`. */
function recordActions(): void {
  const recorded: Recorded = { spoken: [], printed: [], errors: [] };
  (window as unknown as { recorded: Recorded }).recorded = recorded;
  SpeechSynthesis.prototype.speak = (utterance: SpeechSynthesisUtterance) =>
    void recorded.spoken.push({ text: utterance.text, lang: utterance.lang, activated: navigator.userActivation.isActive });
  window.print = () => void recorded.printed.push({ activated: navigator.userActivation.isActive });
  document.addEventListener('egov-error', (event) => recorded.errors.push((event as CustomEvent).detail));
}

describe('the article’s read aloud and print, an on-demand part', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'egov-article-actions-'));
    writeFileSync(path.join(folder, 'index.html'), articlePage('/dist/egov-widgets.js'));
    // A portal that copied the main script but not the part beside it (yet).
    mkdirSync(path.join(folder, 'js'));
    copyFileSync('dist/egov-widgets.js', path.join(folder, 'js', 'egov-widgets.js'));
    writeFileSync(path.join(folder, 'missing-part.html'), articlePage('/js/egov-widgets.js'));
  });
  const setup = useServerAndBrowser({ env: () => ({ EGOV_DEMO_DIR: folder }) });
  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** `file` open in a fresh browser context, the article shown; every request for the part, as made. */
  async function visit(file: string): Promise<{ page: Page; partRequests: string[] }> {
    const context = await setup.browser.createBrowserContext();
    const tab = await context.newPage();
    const partRequests: string[] = [];
    tab.on('request', (request) => request.url().endsWith(`/${PART}`) && partRequests.push(request.url()));
    await tab.evaluateOnNewDocument(recordActions);
    await tab.goto(`${setup.server.url}/${file}`, { waitUntil: 'networkidle0' });
    await waitInShadow(tab, '#a', '[data-tool="read"]');
    return { page: tab, partRequests };
  }

  const recorded = (tab: Page) => tab.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
  const readPressed = (tab: Page) => tab.$eval('#a >>> [data-tool="read"]', (button) => button.getAttribute('aria-pressed'));
  const statusLine = (tab: Page) => tab.$eval('#a >>> [part="status"]', (status) => ({ text: status.textContent?.trim(), role: status.getAttribute('role') }));

  it('is not requested while the reader reads, and once when they come to the toolbar', async () => {
    const { page: tab, partRequests } = await visit('');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(partRequests, [], 'no request for the part before the reader comes to the toolbar');

    await tab.hover('#a >>> [part="toolbar"]');
    await tab.waitForNetworkIdle({ idleTime: 200 });
    assert.deepEqual(partRequests, [`${setup.server.url}/dist/${PART}`]);

    await tab.click('#a >>> [data-tool="print"]');
    await tab.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.printed.length === 1, { polling: 100 });
    await tab.click('#a >>> [data-tool="read"]');
    await tab.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.spoken.length > 0, { polling: 100 });
    assert.equal(await readPressed(tab), 'true');
    const { spoken, printed, errors } = await recorded(tab);
    assert.deepEqual(spoken.map(({ text, lang }) => [text, lang]), [
      ['Huyện ủy tổng kết công tác cán bộ', 'vi-VN'],
      ['Ban tổ chức Huyện ủy tham mưu công tác cán bộ.', 'vi-VN'],
    ]);
    assert.deepEqual(printed, [{ activated: true }]);
    assert.ok(spoken.every((call) => call.activated));
    assert.deepEqual(errors, []);
    // A second press stops reading, with the part already here.
    await tab.click('#a >>> [data-tool="read"]');
    await tab.waitForFunction(() => document.querySelector('#a')?.shadowRoot?.querySelector('[data-tool="read"]')?.getAttribute('aria-pressed') === 'false', { polling: 100 });
    assert.equal(partRequests.length, 1);
    await tab.browserContext().close();
  });

  /** Holds every request for the part until `release()`: a slow network, deterministically. */
  async function holdPart(tab: Page): Promise<{ held: () => number; release: () => void }> {
    const held: HTTPRequest[] = [];
    let released = false;
    await tab.setRequestInterception(true);
    tab.on('request', (request) => {
      if (request.url().endsWith(`/${PART}`) && !released) held.push(request);
      else void request.continue();
    });
    return {
      held: () => held.length,
      release: () => {
        released = true;
        held.forEach((request) => void request.continue());
      },
    };
  }

  for (const [tool, done] of [['read', 'spoken'], ['print', 'printed']] as const) {
    it(`${tool === 'read' ? 'reads' : 'prints'} on a press that comes before the part, within the press’s activation`, async () => {
      const { page: tab, partRequests } = await visit('');
      const network = await holdPart(tab);
      await tab.click(`#a >>> [data-tool="${tool}"]`);
      while (network.held() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // The press waits for the part.
      assert.equal((await recorded(tab))[done].length, 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      network.release();
      await tab.waitForFunction((field) => (window as unknown as { recorded: Recorded }).recorded[field].length > 0, { polling: 100 }, done);
      const actions = await recorded(tab);
      assert.ok(actions[done].every((call) => call.activated), `${tool} called without the press's user activation`);
      if (tool === 'read') assert.equal(await readPressed(tab), 'true');
      assert.deepEqual(actions.errors, []);
      assert.equal(partRequests.length, 1);
      await tab.browserContext().close();
    });
  }

  it('says on the status line that the part could not be loaded, reports egov-error, and loads it at a later press', async () => {
    const { page: tab, partRequests } = await visit('missing-part.html');
    await tab.click('#a >>> [data-tool="print"]');
    await tab.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.errors.length === 1, { polling: 100 });
    assert.deepEqual(await statusLine(tab), { text: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.', role: 'status' });
    let actions = await recorded(tab);
    assert.equal(actions.errors[0]!.code, 'network');
    assert.match(actions.errors[0]!.message, /\/js\/egov-article-actions\.js/);
    assert.deepEqual(actions.printed, []);

    // Pressed again, still missing: tried again, said again.
    await tab.click('#a >>> [data-tool="read"]');
    await tab.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.errors.length === 2, { polling: 100 });
    assert.equal(await readPressed(tab), 'false');
    assert.equal((await statusLine(tab)).text, 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.');

    // The webmaster copies the missing file; the reader presses again.
    copyFileSync(path.join('dist', PART), path.join(folder, 'js', PART));
    await tab.click('#a >>> [data-tool="read"]');
    await tab.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.spoken.length > 0, { polling: 100 });
    assert.equal(await readPressed(tab), 'true');
    assert.deepEqual(await statusLine(tab), { text: '', role: 'status' });
    actions = await recorded(tab);
    assert.equal(actions.errors.length, 2);
    assert.deepEqual(partRequests, Array(3).fill(`${setup.server.url}/js/${PART}`));
    await tab.browserContext().close();
  });
});
