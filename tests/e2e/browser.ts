// Puppeteer on Debian's Chromium and the real reference server, for the end-to-end tests.
import { after, before } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { startReferenceServer, type ReferenceServer } from '../support/reference-server.mjs';

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: CHROME_ARGS,
  });
}

/**
 * The reference server and a browser for the tests of one file: started before them, stopped
 * after. Read them inside the tests (`setup.server`, `setup.browser`). `env()` gives the server's
 * environment, read when it starts (after the `before` hooks registered ahead of this call).
 */
export function useServerAndBrowser({ env }: { env?: () => Record<string, string> } = {}): { server: ReferenceServer; browser: Browser } {
  const setup = {} as { server: ReferenceServer; browser: Browser };
  before(async () => {
    setup.server = await startReferenceServer(env ? { env: env() } : {});
    setup.browser = await launchBrowser();
  });
  after(async () => {
    await setup.browser?.close();
    await setup.server?.stop();
  });
  return setup;
}

/** What went wrong on a page: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${String(error)}`));
  page.on('requestfailed', (request) => {
    // Now and then Chromium reports a request it had already answered with 2xx as ERR_ABORTED (a
    // speculative duplicate it dropped): the page got its answer, so that is not a failure.
    const answer = request.response();
    if (answer?.ok() && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Installs, before any page script, a counter of layout shift and of CSP violations. */
export async function recordPageHealth(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const health = { layoutShift: 0, cspViolations: [] as string[] };
    (window as unknown as { __health: typeof health }).__health = health;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) health.layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('securitypolicyviolation', (event) => {
      health.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
    });
  });
}

export async function pageHealth(page: Page): Promise<{ layoutShift: number; cspViolations: string[] }> {
  return page.evaluate(() => (window as unknown as { __health: { layoutShift: number; cspViolations: string[] } }).__health);
}

/** The visible text of an element's shadow root (or of the element itself), white space folded. */
export async function shadowText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) =>
    ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/**
 * Waits until `selector` matches inside the shadow root of the first `host` element. (Puppeteer's
 * `>>>` waits watch the document only, so they can miss a change inside a shadow root.)
 */
export async function waitInShadow(page: Page, host: string, selector: string): Promise<void> {
  await page.waitForFunction(
    (hostSelector, innerSelector) => document.querySelector(hostSelector)?.shadowRoot?.querySelector(innerSelector),
    { polling: 100, timeout: 20_000 },
    host,
    selector,
  );
}

/**
 * Waits until each of the six widgets on the page (the first of each tag) has rendered its content,
 * not a loading state: a banner image, the play button, the article body, the poll's form or
 * results, the links box, the footer's copyright line.
 */
export async function waitForWidgets(page: Page): Promise<void> {
  await waitInShadow(page, 'egov-banners', '[part="image"]');
  await waitInShadow(page, 'egov-video', '[part="play-button"]');
  await waitInShadow(page, 'egov-article-view', '[part="content"]');
  await waitInShadow(page, 'egov-poll', '[part="form"], [part="results"]');
  await waitInShadow(page, 'egov-web-links', '[part="input"]');
  await waitInShadow(page, 'egov-agency-footer', '[part="copyright"]');
}

/** Votes for the second option of the first `<egov-poll>` with the keyboard alone: ↓, Tab to "Bình chọn", Enter. */
export async function voteByKeyboard(page: Page): Promise<void> {
  await page.focus('egov-poll >>> input[type="radio"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.querySelector('egov-poll')?.shadowRoot?.activeElement?.textContent?.trim());
  if (focused !== 'Bình chọn') throw new Error(`Tab went to "${focused}", not to the "Bình chọn" button`);
  await page.keyboard.press('Enter');
  await waitInShadow(page, 'egov-poll', '[part="results"]');
}
