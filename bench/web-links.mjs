// Row 3: <egov-web-links> with 5,000 links, against the floor page (bench/pages/links-floor.*):
// the same links, filter and 100-row list written by hand with DOM calls. For each: the time to open the list
// (ArrowDown in the filter box, several times per load, Escape closing it in between) and the
// latency of every keystroke of a typed query, from the keydown event to the frame painted after
// the last DOM change it caused.
//
// Alone, on dist/ as it is (row 3 only; `npm run build` first):
//   node bench/web-links.mjs [--loads=N] [--profile=kit.cpuprofile]
// `--profile` records a V8 CPU profile of the kit's keystrokes in the first load (open it in
// Chromium's DevTools) and prints the functions with the most self time.
/* global window -- in the functions passed to page.evaluate, which run in the page */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freshPage, requireRendered } from './browser.mjs';
import { median, p95 } from './stats.mjs';

/** Narrows 5,000 links down to one ("Sở Y tế thành phố Đà Nẵng"), then widens again. */
const QUERY = 'so y te da nang';
const BACKSPACES = 6;
/** The list is opened (and closed with Escape) this many times per load. */
const OPENS = 5;
/** A change followed by this long without another ends a measurement. */
const QUIET_MS = 150;
const STEP_TIMEOUT_MS = 10_000;

const SUBJECTS = {
  kit: { path: '/bench/web-links.html', ready: { tags: ['egov-web-links'], selector: '#subject' } },
  floor: { path: '/bench/links-floor.html', ready: { tags: [], selector: '#subject input' } },
};

/** `profile`: called with the CPU profile of the kit's keystrokes in its first load. */
export async function measureWebLinks(browser, baseUrl, { loads, profile }) {
  const results = {};
  for (const [name, subject] of Object.entries(SUBJECTS)) {
    const runs = [];
    for (let load = 0; load < loads; load++) {
      runs.push(await oneLoad(browser, baseUrl, subject, name === 'kit' && load === 0 ? profile : undefined));
    }
    const opens = runs.flatMap((run) => run.opens.map((open) => open.latency));
    const keystrokes = runs.flatMap((run) => run.keystrokes);
    results[name] = {
      path: subject.path,
      loads: runs.length,
      opens: opens.length,
      openMs: median(opens),
      openP95Ms: p95(opens),
      optionsInDomWhenOpen: median(runs.map((run) => run.optionsInDom)),
      keystrokes: keystrokes.length,
      keystrokeMedianMs: median(keystrokes),
      keystrokeP95Ms: p95(keystrokes),
      samples: { openMs: opens, keystrokeMs: keystrokes },
    };
  }
  return results;
}

async function oneLoad(browser, baseUrl, { path, ready }, profile) {
  const { page, cdp, close } = await freshPage(browser, { ready });
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

    const opens = [];
    for (let count = 0; count < OPENS; count++) {
      if (count > 0) await measureStep(page, () => page.keyboard.press('Escape'));
      opens.push(await measureStep(page, () => page.keyboard.press('ArrowDown')));
    }
    const optionsInDom = await page.evaluate(() => window.__bench.subject().querySelectorAll('[role="option"]').length);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const keystrokes = [];
    for (const character of QUERY) keystrokes.push((await measureStep(page, () => page.keyboard.type(character))).latency);
    for (let count = 0; count < BACKSPACES; count++) {
      keystrokes.push((await measureStep(page, () => page.keyboard.press('Backspace'))).latency);
    }
    if (profile) profile((await cdp.send('Profiler.stop')).profile);
    return { opens, optionsInDom, keystrokes };
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

/** The functions with the most self time in a V8 CPU profile, as printable lines. */
function topSelfTime(profile, count = 20) {
  const selfMs = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, index) => {
    const { callFrame } = byId.get(id);
    const file = callFrame.url.split('/').pop();
    const key = `${callFrame.functionName || '(anonymous)'} ${file ? `${file}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : ''}`.trim();
    selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const busy = [...selfMs].filter(([key]) => key !== '(idle)').reduce((sum, [, value]) => sum + value, 0);
  const lines = [...selfMs]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, value]) => `${value.toFixed(1).padStart(8)} ms  ${key}`);
  return [`busy (not idle) ${busy.toFixed(1)} ms`, ...lines];
}

async function main() {
  const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
  const { launchBrowser } = await import('./browser.mjs');
  const { prepareSite } = await import('./site.mjs');
  const { startReferenceServer } = await import('../tests/support/reference-server.mjs');
  const root = fileURLToPath(new URL('..', import.meta.url));
  // Row 3 needs neither the Lit floor nor DOMPurify of row 2's pages.
  const site = prepareSite(root, { litFloorCode: '', purifyCode: '' });
  const server = await startReferenceServer({
    env: { EGOV_DEMO_DIR: site.dir, EGOV_DIST_DIR: site.distDir, EGOV_POLLS: site.pollsFile, EGOV_RATE_LIMIT: '0' },
  });
  const browser = await launchBrowser();
  try {
    const profile = options.profile
      ? (recorded) => {
          writeFileSync(options.profile, JSON.stringify(recorded));
          console.log(`CPU profile of the kit's keystrokes: ${options.profile}\n${topSelfTime(recorded).join('\n')}`);
        }
      : undefined;
    const { kit, floor } = await measureWebLinks(browser, server.url, { loads: Number(options.loads ?? 2), profile });
    const line = (what, value, base) => `${what.padEnd(34)} ${value.toFixed(1).padStart(7)} ms  floor ${base.toFixed(1).padStart(7)} ms  ${(value / base).toFixed(2)}×`;
    console.log(`options in the DOM when open: kit ${kit.optionsInDomWhenOpen}, floor ${floor.optionsInDomWhenOpen}`);
    console.log(line(`open the list, median (${kit.opens})`, kit.openMs, floor.openMs));
    console.log(line('open the list, p95', kit.openP95Ms, floor.openP95Ms));
    console.log(line(`filter keystroke, median (${kit.keystrokes})`, kit.keystrokeMedianMs, floor.keystrokeMedianMs));
    console.log(line('filter keystroke, p95', kit.keystrokeP95Ms, floor.keystrokeP95Ms));
  } finally {
    await browser.close();
    await server.stop();
    site.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
