// Row 2: what the kit costs the page that embeds it. The demo page (all widgets, the one script)
// against the same page as static HTML without the script, and against a floor page (the static
// page plus Lit alone and DOMPurify), in headless Chromium with 4× CPU throttling. Loads of the
// three pages alternate, so a machine that slows down mid-run slows all three alike.
/* global window, requestAnimationFrame -- in the functions passed to page.evaluate, which run in the page */
import { freshPage, scriptEvaluationPerLoad, startTrace, waitRendered } from './browser.mjs';
import { median } from './stats.mjs';

const RENDER_TIMEOUT_MS = 30_000;

export async function measurePageCost(browser, baseUrl, { kitTags, loads, staticLoads, floorLoads }) {
  const pages = {
    kit: { path: '/', ready: { tags: kitTags }, scripts: ['egov-widgets.js'], loads },
    static: { path: '/bench/static.html', ready: { tags: [] }, scripts: [], loads: staticLoads },
    floor: { path: '/bench/floor.html', ready: { tags: ['lit-floor'] }, scripts: ['lit-floor.js', 'purify.min.js'], loads: floorLoads },
  };
  // One load of each first, not counted: the browser's own first-use costs.
  for (const page of Object.values(pages)) await loadOnce(browser, baseUrl, page);

  const trace = await startTrace(browser);
  const samples = { kit: [], static: [], floor: [] };
  for (let round = 0; round < loads; round++) {
    for (const [name, page] of Object.entries(pages)) {
      if (round < page.loads) samples[name].push(await loadOnce(browser, baseUrl, page));
    }
  }
  const events = await trace.stop();

  const summary = {};
  for (const [name, page] of Object.entries(pages)) {
    const runs = samples[name];
    const evaluation = page.scripts.length ? scriptEvaluationPerLoad(events, page.scripts) : runs.map(() => 0);
    summary[name] = {
      path: page.path,
      loads: runs.length,
      scriptEvaluationMs: median(evaluation),
      renderedMs: median(runs.map((run) => run.rendered)),
      firstContentfulPaintMs: median(runs.map((run) => run.fcp)),
      mainThreadMs: median(runs.map((run) => run.taskMs)),
      scriptMs: median(runs.map((run) => run.scriptMs)),
      longTasksPerLoad: median(runs.map((run) => run.longTasks.length)),
      longTasksTotal: runs.reduce((total, run) => total + run.longTasks.length, 0),
      longestTaskMs: Math.max(0, ...runs.flatMap((run) => run.longTasks)),
      cls: median(runs.map((run) => run.cls)),
      clsMax: Math.max(0, ...runs.map((run) => run.cls)),
      shiftedElements: [...new Set(runs.flatMap((run) => run.shifted))],
      renderTimeouts: runs.filter((run) => !Number.isFinite(run.rendered)).length,
      samples: { scriptEvaluationMs: evaluation, renderedMs: runs.map((run) => run.rendered) },
    };
  }
  return summary;
}

async function loadOnce(browser, baseUrl, { path, ready }) {
  const { page, cdp, close } = await freshPage(browser, { ready });
  try {
    await cdp.send('Performance.enable');
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    const rendered = await waitRendered(page, RENDER_TIMEOUT_MS);
    // Two more frames, so that a shift caused by the last render is counted.
    const observed = await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                const { fcp, cls, shifted, longTasks } = window.__bench;
                resolve({ fcp, cls, shifted, longTasks });
              }),
            ),
          ),
        ),
    );
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => (metrics.find((entry) => entry.name === name)?.value ?? Number.NaN) * 1000;
    if (!Number.isFinite(rendered)) console.warn(`  ${path}: not every widget rendered within ${RENDER_TIMEOUT_MS / 1000} s`);
    return { rendered, ...observed, taskMs: metric('TaskDuration'), scriptMs: metric('ScriptDuration') };
  } finally {
    await close();
  }
}
