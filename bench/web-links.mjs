// Row 3: <egov-web-links> with 5,000 links, against the floor page (bench/pages/links-floor.*):
// the same links, filter and 100-row list written by hand with DOM calls. For each: the time to open the list
// (ArrowDown in the filter box) and the latency of every keystroke of a typed query, from the
// keydown event to the frame painted after the last DOM change it caused.
/* global window -- in the functions passed to page.evaluate, which run in the page */
import { freshPage, requireRendered } from './browser.mjs';
import { median, p95 } from './stats.mjs';

/** Narrows 5,000 links down to one ("Sở Y tế thành phố Đà Nẵng"), then widens again. */
const QUERY = 'so y te da nang';
const BACKSPACES = 6;
/** A change followed by this long without another ends a measurement. */
const QUIET_MS = 150;
const STEP_TIMEOUT_MS = 10_000;

const SUBJECTS = {
  kit: { path: '/bench/web-links.html', ready: { tags: ['egov-web-links'], selector: '#subject' } },
  floor: { path: '/bench/links-floor.html', ready: { tags: [], selector: '#subject input' } },
};

export async function measureWebLinks(browser, baseUrl, { loads }) {
  const results = {};
  for (const [name, subject] of Object.entries(SUBJECTS)) {
    const runs = [];
    for (let load = 0; load < loads; load++) runs.push(await oneLoad(browser, baseUrl, subject));
    const keystrokes = runs.flatMap((run) => run.keystrokes);
    results[name] = {
      path: subject.path,
      loads: runs.length,
      openMs: median(runs.map((run) => run.open.latency)),
      optionsInDomWhenOpen: median(runs.map((run) => run.open.optionsInDom)),
      keystrokes: keystrokes.length,
      keystrokeMedianMs: median(keystrokes),
      keystrokeP95Ms: p95(keystrokes),
      samples: { openMs: runs.map((run) => run.open.latency), keystrokeMs: keystrokes },
    };
  }
  return results;
}

async function oneLoad(browser, baseUrl, { path, ready }) {
  const { page, close } = await freshPage(browser, { ready });
  try {
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    await requireRendered(page, path);
    await page.evaluate((quiet) => window.__bench.quiet(window.__bench.subject(), quiet, 5000), 300);
    const focused = await page.evaluate(() => {
      const input = window.__bench.subject().querySelector('[role="combobox"]');
      input?.focus();
      return Boolean(input);
    });
    if (!focused) throw new Error(`${path}: no [role="combobox"] to type in`);

    const open = await measureStep(page, () => page.keyboard.press('ArrowDown'));
    open.optionsInDom = await page.evaluate(() => window.__bench.subject().querySelectorAll('[role="option"]').length);
    const keystrokes = [];
    for (const character of QUERY) keystrokes.push((await measureStep(page, () => page.keyboard.type(character))).latency);
    for (let count = 0; count < BACKSPACES; count++) {
      keystrokes.push((await measureStep(page, () => page.keyboard.press('Backspace'))).latency);
    }
    return { open, keystrokes };
  } finally {
    await close();
  }
}

/** Arms the in-page observer, performs the input, and waits for the page to settle. */
async function measureStep(page, input) {
  await page.evaluate(() => window.__bench.arm(window.__bench.subject()));
  await input();
  const { start, end, changes } = await page.evaluate(
    (quiet, timeout) => window.__bench.settled(quiet, timeout),
    QUIET_MS,
    STEP_TIMEOUT_MS,
  );
  return { latency: end - start, changes };
}
