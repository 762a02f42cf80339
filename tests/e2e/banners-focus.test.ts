// The banner carousel and the reader's other tabs, in a real browser: the window losing the focus
// is not the focus leaving the box (a component test cannot switch windows; this one does).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServerAndBrowser, waitInShadow, watchProblems } from './browser.js';

describe('the banner carousel while the reader is in another tab', () => {
  const setup = useServerAndBrowser();

  it('stays stopped, with the focus on its banner, and turns again once the focus leaves the box', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${setup.server.url}/`, { waitUntil: 'networkidle0' });
    await page.$eval('egov-banners', (element) => {
      element.setAttribute('interval', '1');
      element.setAttribute('layout', 'rotate');
    });
    await waitInShadow(page, 'egov-banners', '[part="next-button"]');
    const state = () =>
      page.$eval('egov-banners', (element) => {
        const root = element.shadowRoot!;
        return {
          rotating: (element as HTMLElement & { rotating: boolean }).rotating,
          slide: root.querySelector('.slide.current')?.getAttribute('aria-label'),
          focused: root.activeElement?.getAttribute('part') ?? null,
        };
      });
    await page.$eval('egov-banners', (element) => element.shadowRoot!.querySelector<HTMLElement>('.slide.current [part="link"]')!.focus());
    assert.deepEqual(await state(), { rotating: false, slide: '1 trên 3', focused: 'link' });

    const other = await context.newPage();
    await other.bringToFront();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(await page.evaluate(() => document.hasFocus()), false, 'the tab still has the focus');
    assert.deepEqual(await state(), { rotating: false, slide: '1 trên 3', focused: 'link' }, 'turned while the reader was away');
    await page.bringToFront();
    await other.close();
    assert.deepEqual(await state(), { rotating: false, slide: '1 trên 3', focused: 'link' }, 'the focus was not there on return');

    // The reader clicks elsewhere in the page: the focus has left, the box turns again.
    await page.click('#quang-cao');
    await page.waitForFunction(() => (document.querySelector('egov-banners') as HTMLElement & { rotating: boolean }).rotating, { polling: 50, timeout: 5000 });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
