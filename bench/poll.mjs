// Row 4: <egov-poll> re-rendering its results after a vote, with 50 options, against the same
// widget with the demo's 5-option poll. Measured from the moment the vote's HTTP answer arrived
// (Resource Timing `responseStart`; the few-KB body comes in the same packets on loopback, and
// `responseEnd` is stamped late when the browser is busy) to the frame painted after the last DOM
// change, so the server's time is left out; the click-to-results time is kept alongside.
/* global window -- in the functions passed to page.evaluate, which run in the page */
import { freshPage, requireRendered } from './browser.mjs';
import { median } from './stats.mjs';

const QUIET_MS = 150;
const STEP_TIMEOUT_MS = 15_000;

const SUBJECTS = {
  fifty: { path: '/bench/poll-50.html', options: 50 },
  five: { path: '/bench/poll-5.html', options: 5 },
};

export async function measurePoll(browser, baseUrl, { votes }) {
  const results = {};
  const runs = { fifty: [], five: [] };
  // Alternated, so that a change in the machine's load affects both alike.
  for (let vote = 0; vote < votes; vote++) {
    for (const [name, subject] of Object.entries(SUBJECTS)) runs[name].push(await oneVote(browser, baseUrl, subject));
  }
  for (const [name, subject] of Object.entries(SUBJECTS)) {
    const list = runs[name];
    results[name] = {
      path: subject.path,
      options: subject.options,
      votes: list.length,
      rerenderMs: median(list.map((run) => run.rerender)),
      clickToResultsMs: median(list.map((run) => run.total)),
      resultsShown: list.filter((run) => run.resultsShown).length,
      samples: { rerenderMs: list.map((run) => run.rerender), clickToResultsMs: list.map((run) => run.total) },
    };
  }
  return results;
}

async function oneVote(browser, baseUrl, { path, options }) {
  // A fresh context each time: a new voter token in localStorage, so every vote counts.
  const { page, close } = await freshPage(browser, { ready: { tags: ['egov-poll'], selector: '#subject' } });
  try {
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    await requireRendered(page, path);
    const choices = await page.$$('#subject >>> input[type="radio"], #subject >>> input[type="checkbox"]');
    if (choices.length !== options) throw new Error(`${path}: ${choices.length} choices shown, ${options} expected`);
    await choices[choices.length - 1].click();
    await page.evaluate((quiet) => window.__bench.quiet(window.__bench.subject(), quiet, 5000), QUIET_MS);
    const button = await page.$('#subject >>> [part~="vote-button"], #subject >>> button[type="submit"]');
    if (!button) throw new Error(`${path}: no vote button`);

    await page.evaluate(() => window.__bench.arm(window.__bench.subject()));
    await button.click();
    const { start, end } = await page.evaluate(
      (quiet, timeout) => window.__bench.settled(quiet, timeout, '[part~="result"]'),
      QUIET_MS,
      STEP_TIMEOUT_MS,
    );
    const answer = await page.evaluate(() => {
      const entry = performance.getEntriesByType('resource').findLast((item) => item.name.endsWith('/votes'));
      return entry ? { responseStart: entry.responseStart, status: entry.responseStatus } : undefined;
    });
    if (!answer) throw new Error(`${path}: no vote request was made`);
    if (answer.status !== 201) throw new Error(`${path}: the vote was answered with ${answer.status}, not 201`);
    const resultsShown = await page.evaluate(() => window.__bench.subject().querySelectorAll('[part~="result"]').length);
    return { rerender: end - answer.responseStart, total: end - start, resultsShown: resultsShown === options };
  } finally {
    await close();
  }
}
