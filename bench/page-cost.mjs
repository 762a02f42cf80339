// Row 2: what the kit costs the page that embeds it. The demo page (all widgets, the one script)
// against the same page as static HTML without the script, and against a floor page (the static
// page plus Lit alone and DOMPurify), in headless Chromium with 4× CPU throttling. Loads of the
// three pages alternate, so a machine that slows down mid-run slows all three alike.
//
// Alone, on the dist/ as built (`npm run build` first), row 2a only:
//   node bench/page-cost.mjs [loads]           the ratio, kit against floor
//   node bench/page-cost.mjs --profile FILE    also CPU profiles of 5 throttled kit loads: the
//                                              hottest functions within the script's evaluation,
//                                              the first profile to FILE (for DevTools; build
//                                              unminified to read the names)
//   node bench/page-cost.mjs --kit DIR         the kit's egov-widgets.js from DIR, not dist/
//                                              (e.g. an unminified build, for the profile)
//   node bench/page-cost.mjs --against DIR     also the demo page with DIR's egov-widgets.js (an
//                                              older build), its loads alternating with the
//                                              others: a change's effect, measured in one run
//   node bench/page-cost.mjs --throttle N      N× CPU throttling instead of 4× (1: none)
// Beside the script's evaluation (wall time, what row 2a reports), the main thread's CPU time
// within it: much less disturbed by other processes on a busy machine, to compare two builds.
/* global window, requestAnimationFrame -- in the functions passed to page.evaluate, which run in the page */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { CPU_THROTTLING, freshPage, launchBrowser, scriptEvaluationPerLoad, startTrace, waitRendered } from './browser.mjs';
import { prepareSite } from './site.mjs';
import { measureSizes } from './size.mjs';
import { median, ms, times } from './stats.mjs';

const RENDER_TIMEOUT_MS = 30_000;

/** The older build's script on the `against` page: a name that does not end like the kit's. */
const AGAINST_SCRIPT = 'egov-widgets.against.js';

/**
 * `floorWithDomPurify`: whether the floor's script time counts DOMPurify's evaluation — only when
 * the kit's main script carries DOMPurify too; otherwise the floor is Lit and one element alone.
 * `againstLoads`: loads of the `against` page (see `addAgainstPage`), none by default.
 */
export async function measurePageCost(
  browser,
  baseUrl,
  { kitTags, loads, staticLoads, floorLoads, floorWithDomPurify, againstLoads = 0, throttle = CPU_THROTTLING },
) {
  const floorScripts = floorWithDomPurify ? ['lit-floor.js', 'purify.min.js'] : ['lit-floor.js'];
  const pages = {
    kit: { path: '/', ready: { tags: kitTags }, scripts: ['egov-widgets.js'], loads },
    static: { path: '/bench/static.html', ready: { tags: [] }, scripts: [], loads: staticLoads },
    floor: { path: '/bench/floor.html', ready: { tags: ['lit-floor'] }, scripts: floorScripts, loads: floorLoads },
  };
  if (againstLoads) pages.against = { path: '/bench/against.html', ready: { tags: kitTags }, scripts: [AGAINST_SCRIPT], loads: againstLoads };
  // One load of each first, not counted: the browser's own first-use costs.
  for (const page of Object.values(pages)) await loadOnce(browser, baseUrl, page, throttle);

  const trace = await startTrace(browser);
  const samples = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round < loads; round++) {
    for (const [name, page] of Object.entries(pages)) {
      if (round < page.loads) samples[name].push(await loadOnce(browser, baseUrl, page, throttle));
    }
  }
  const events = await trace.stop();

  const summary = {};
  for (const [name, page] of Object.entries(pages)) {
    const runs = samples[name];
    const evaluation = page.scripts.length ? scriptEvaluationPerLoad(events, page.scripts) : runs.map(() => 0);
    const threadTime = page.scripts.length ? scriptThreadTimePerLoad(events, page.scripts) : runs.map(() => 0);
    summary[name] = {
      path: page.path,
      loads: runs.length,
      scriptEvaluationMs: median(evaluation),
      scriptThreadMs: median(threadTime),
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
      samples: { scriptEvaluationMs: evaluation, scriptThreadMs: threadTime, renderedMs: runs.map((run) => run.rendered) },
    };
  }
  return summary;
}

/**
 * The demo page of the site (`prepareSite`) with the kit's script taken from `dir` instead, served
 * as `/bench/against.html`: an older build, to compare with the current one in the same run.
 */
function addAgainstPage(site, dir) {
  mkdirSync(join(site.dir, 'bench', 'against'), { recursive: true });
  copyFileSync(join(dir, 'egov-widgets.js'), join(site.dir, 'bench', 'against', AGAINST_SCRIPT));
  const demo = readFileSync(join(site.dir, 'index.html'), 'utf8');
  const page = demo.replace(/src="[^"]*egov-widgets\.js"/, `src="/bench/against/${AGAINST_SCRIPT}"`);
  if (page === demo) throw new Error('the demo page has no egov-widgets.js script to replace');
  writeFileSync(join(site.dir, 'bench', 'against.html'), page);
}

/**
 * Like `scriptEvaluationPerLoad`, the main thread's CPU time (the trace's `tdur`) within the
 * evaluation of the scripts, per load.
 */
function scriptThreadTimePerLoad(events, files) {
  const evaluations = events.filter((event) => event.name === 'EvaluateScript');
  return scriptEvaluationPerLoad(evaluations.map((event) => ({ ...event, dur: event.tdur ?? Number.NaN })), files);
}

async function loadOnce(browser, baseUrl, { path, ready }, throttle) {
  const { page, cdp, close } = await freshPage(browser, { ready, throttle });
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

/**
 * One CPU profile (V8's sampling profiler) of a throttled load of the page at `path` in a fresh
 * context, with the window of the `EvaluateScript` events of `script` (trace clock, µs, the
 * profile's clock too) — what row 2a times.
 */
export async function profileLoad(browser, baseUrl, { path, tags, script }) {
  const { page, cdp, close } = await freshPage(browser, { ready: { tags } });
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const trace = await startTrace(browser);
    await cdp.send('Profiler.start');
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    await waitRendered(page, RENDER_TIMEOUT_MS);
    const { profile } = await cdp.send('Profiler.stop');
    const windows = (await trace.stop())
      .filter((event) => event.name === 'EvaluateScript' && event.ph === 'X' && String(event.args?.data?.url ?? '').endsWith(script))
      .map((event) => [event.ts, event.ts + (event.dur ?? 0)]);
    return { profile, windows };
  } finally {
    await close();
  }
}

/**
 * The functions that took the most time within the windows of the profiled loads, summed over
 * them: self and total (each sample counted once per function on its stack).
 */
export function hottest(profiled, count = 40) {
  const name = ({ callFrame: frame }) => `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
  const self = new Map();
  const total = new Map();
  let inWindows = 0;
  for (const { profile, windows } of profiled) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
    let time = profile.startTime;
    profile.samples.forEach((id, index) => {
      const delta = profile.timeDeltas[index + 1] ?? 0;
      time += profile.timeDeltas[index];
      if (!windows.some(([start, end]) => time >= start && time < end)) return;
      inWindows += delta / 1000;
      const seen = new Set();
      for (let node = id; node !== undefined; node = parents.get(node)) {
        const key = name(nodes.get(node));
        if (node === id) self.set(key, (self.get(key) ?? 0) + delta / 1000);
        if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + delta / 1000);
        seen.add(key);
      }
    });
  }
  const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, value]) => `${value.toFixed(1).padStart(8)} ms  ${key}`);
  return { inWindows, self: top(self), total: top(total) };
}

async function main() {
  const args = process.argv.slice(2);
  const profileAt = args.indexOf('--profile');
  const profileFile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined;
  const kitAt = args.indexOf('--kit');
  const kitDir = kitAt >= 0 ? args.splice(kitAt, 2)[1] : undefined;
  const againstAt = args.indexOf('--against');
  const againstDir = againstAt >= 0 ? args.splice(againstAt, 2)[1] : undefined;
  const throttleAt = args.indexOf('--throttle');
  const throttle = throttleAt >= 0 ? Number(args.splice(throttleAt, 2)[1]) : CPU_THROTTLING;
  const profileLoads = 5;
  const loads = Number(args[0] ?? 12);
  const root = fileURLToPath(new URL('..', import.meta.url));
  const sizes = await measureSizes(root);
  const site = prepareSite(root, sizes);
  if (kitDir) copyFileSync(join(kitDir, 'egov-widgets.js'), join(site.distDir, 'egov-widgets.js'));
  if (againstDir) addAgainstPage(site, againstDir);
  const server = await startReferenceServer({
    env: { EGOV_DEMO_DIR: site.dir, EGOV_DIST_DIR: site.distDir, EGOV_POLLS: site.pollsFile, EGOV_RATE_LIMIT: '0' },
  });
  const browser = await launchBrowser();
  const load = os.loadavg()[0];
  try {
    const { kit, floor, against } = await measurePageCost(browser, server.url, {
      kitTags: site.kitTags,
      loads,
      staticLoads: 1,
      floorLoads: loads,
      floorWithDomPurify: sizes.kitUsesDomPurify,
      againstLoads: againstDir ? loads : 0,
      throttle,
    });
    const floorName = sizes.kitUsesDomPurify ? 'Lit + DOMPurify page' : 'one-element Lit page';
    console.log(
      `2a script evaluation: ${ms(kit.scriptEvaluationMs)} against ${ms(floor.scriptEvaluationMs)} ${floorName}: ` +
        `${times(kit.scriptEvaluationMs / floor.scriptEvaluationMs)} (${loads} loads each, ${throttle}× throttle, ` +
        `load average ${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)})`,
    );
    console.log(`  kit: ${kit.samples.scriptEvaluationMs.map((value) => value.toFixed(0)).join(' ')}`);
    console.log(`  floor: ${floor.samples.scriptEvaluationMs.map((value) => value.toFixed(0)).join(' ')}`);
    console.log(
      `  main-thread CPU within it: kit ${ms(kit.scriptThreadMs)}, floor ${ms(floor.scriptThreadMs)}: ${times(kit.scriptThreadMs / floor.scriptThreadMs)}` +
        (against ? `; against ${ms(against.scriptThreadMs)}: the kit takes ${times(kit.scriptThreadMs / against.scriptThreadMs)} its CPU` : ''),
    );
    console.log(`  kit CPU: ${kit.samples.scriptThreadMs.map((value) => value.toFixed(0)).join(' ')}`);
    if (against) console.log(`  against CPU: ${against.samples.scriptThreadMs.map((value) => value.toFixed(0)).join(' ')}`);
    if (against) {
      console.log(
        `  against ${againstDir}: ${ms(against.scriptEvaluationMs)}, ${times(against.scriptEvaluationMs / floor.scriptEvaluationMs)} the floor; ` +
          `the kit takes ${times(kit.scriptEvaluationMs / against.scriptEvaluationMs)} its time`,
      );
      console.log(`  against: ${against.samples.scriptEvaluationMs.map((value) => value.toFixed(0)).join(' ')}`);
      // Loads alternate, so the kit's and the older build's n-th loads ran at about the same moment.
      const paired = kit.samples.scriptEvaluationMs.map((value, index) => value / against.samples.scriptEvaluationMs[index]);
      console.log(`  kit / against, load by load: median ${times(median(paired))}`);
      console.log(`  rendered (median, page clock): kit ${ms(kit.renderedMs)}, against ${ms(against.renderedMs)}, floor ${ms(floor.renderedMs)}`);
    }
    if (profileFile) {
      const profiled = [];
      for (let load = 0; load < profileLoads; load++) {
        profiled.push(await profileLoad(browser, server.url, { path: '/', tags: site.kitTags, script: 'egov-widgets.js' }));
      }
      writeFileSync(profileFile, JSON.stringify(profiled[0].profile));
      const { inWindows, self, total } = hottest(profiled, Number(process.env.PROFILE_TOP ?? 40));
      console.log(`CPU profile of a kit load: ${profileFile}; over ${profileLoads} loads, ${ms(inWindows)} sampled within the script's evaluation:`);
      console.log(`total:\n${total.join('\n')}\nself:\n${self.join('\n')}`);
    }
  } finally {
    await browser.close();
    await server.stop();
    site.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
