// The first render of the demo page (all six widgets, the built script) does no work a cheaper
// exact result makes needless: no `Intl` formatter is made, no locale-aware comparison or string
// conversion runs (each would load locale data). Counted by wrapping those APIs before any of the
// page's scripts run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, waitInShadow, watchProblems } from './browser.js';

/**
 * Runs in the page before its scripts: counts each use of a locale-data API by name, in
 * `window.__localeWork`. A string, not a function: tsx would add its helpers to a function's text.
 */
const COUNT_LOCALE_WORK = `(() => {
  const counts = {};
  window.__localeWork = counts;
  const count = (name) => { counts[name] = (counts[name] || 0) + 1; };
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter']) {
    const original = Intl[name];
    if (!original) continue;
    Intl[name] = new Proxy(original, {
      construct: (target, args) => { count('Intl.' + name); return Reflect.construct(target, args); },
      apply: (target, self, args) => { count('Intl.' + name); return Reflect.apply(target, self, args); },
    });
  }
  const methods = [[Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleTimeString'],
    [Number.prototype, 'toLocaleString'], [String.prototype, 'localeCompare']];
  for (const [prototype, name] of methods) {
    const original = prototype[name];
    prototype[name] = function (...args) { count(name); return original.apply(this, args); };
  }
})();`;

describe('the first render of the demo page', () => {
  const setup = useServerAndBrowser();

  it('makes no Intl formatter and asks for no locale-aware conversion', async () => {
    const context = await setup.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.evaluateOnNewDocument(COUNT_LOCALE_WORK);
      await page.goto(`${setup.server.url}/`, { waitUntil: 'networkidle0' });
      // The widgets that show a date or a number: the article's date, the poll's counts.
      await waitInShadow(page, 'egov-article-view', 'time');
      await waitInShadow(page, 'egov-poll', '[part="form"], [part="results"]');
      await waitInShadow(page, 'egov-agency-footer', '[part="copyright"]');
      const shown = await page.evaluate(() => document.querySelector('egov-article-view')?.shadowRoot?.querySelector('time')?.textContent?.trim());
      assert.match(shown ?? '', /^\d{2}\/\d{2}\/\d{4}$/, 'the article shows its date, formatted');
      const work = await page.evaluate(() => (window as unknown as { __localeWork: Record<string, number> }).__localeWork);
      assert.deepEqual(work, {});
      assert.deepEqual(problems, []);
      // The counters do count: one formatter and one comparison made by the test itself.
      const probe = await page.evaluate(() => {
        new Intl.NumberFormat('vi-VN').format(1);
        'a'.localeCompare('b');
        return (window as unknown as { __localeWork: Record<string, number> }).__localeWork;
      });
      assert.deepEqual(probe, { 'Intl.NumberFormat': 1, localeCompare: 1 });
    } finally {
      await context.close();
    }
  });
});
