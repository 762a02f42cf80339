// Row 8: the JavaScript heap the kit adds to the page that embeds it. The demo page (every widget,
// remote data in) against the same static page with one Lit element and nothing else
// (`lit-floor.js`), and both against the static page without any script of ours. Each load in a
// fresh browser context, unthrottled; once the page has rendered, a full garbage collection
// (CDP `HeapProfiler.collectGarbage`) and then the heap in use (`Runtime.getHeapUsage`: V8's heap,
// and the DOM objects of Blink's own heap). Median of several loads; the pages alternate.
// (`performance.measureUserAgentSpecificMemory()` needs a cross-origin-isolated page, which the
// demo is not, so CDP it is.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshPage, requireRendered } from './browser.mjs';
import { median } from './stats.mjs';

/** Writes the one-Lit-element page beside the static page of bench/site.mjs; returns its path. */
export function prepareMemoryPages(siteDir) {
  const staticPage = readFileSync(join(siteDir, 'bench', 'static.html'), 'utf8');
  const litPage = staticPage
    .replace('</head>', '  <script src="/bench/lit-floor.js" defer></script>\n  </head>')
    .replace('</body>', '  <lit-floor></lit-floor>\n  </body>');
  writeFileSync(join(siteDir, 'bench', 'lit-one.html'), litPage);
  return '/bench/lit-one.html';
}

/** `litPath`: the page `prepareMemoryPages` wrote. */
export async function measureMemory(browser, baseUrl, { kitTags, litPath, loads }) {
  const pages = {
    kit: { path: '/', ready: { tags: kitTags } },
    lit: { path: litPath, ready: { tags: ['lit-floor'] } },
    static: { path: '/bench/static.html', ready: { tags: [] } },
  };
  // One load of each first, not counted: the browser's own first-use costs.
  for (const page of Object.values(pages)) await heapAfterLoad(browser, baseUrl, page);
  const samples = { kit: [], lit: [], static: [] };
  for (let round = 0; round < loads; round++) {
    for (const [name, page] of Object.entries(pages)) samples[name].push(await heapAfterLoad(browser, baseUrl, page));
  }
  const summary = {};
  for (const [name, runs] of Object.entries(samples)) {
    summary[name] = {
      path: pages[name].path,
      loads: runs.length,
      usedBytes: median(runs.map((run) => run.used)),
      embedderBytes: median(runs.map((run) => run.embedder)),
      samples: runs,
    };
  }
  return summary;
}

/** Heap in use (bytes) once the page has rendered and a full garbage collection has run. */
async function heapAfterLoad(browser, baseUrl, { path, ready }) {
  const { page, cdp, close } = await freshPage(browser, { ready, throttle: 1 });
  try {
    await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    await requireRendered(page, path);
    await cdp.send('HeapProfiler.enable');
    // Twice: what the first collection frees (weak references, finalizers) the second can reclaim.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return { used: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? Number.NaN };
  } finally {
    await close();
  }
}
