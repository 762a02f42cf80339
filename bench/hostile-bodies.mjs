// Row 6: remote article bodies built to freeze the page (bench/hostile-shapes.mjs; and two large
// ones with an attribute in every paragraph, links and images), each of 1.8 MB,
// just under the 2 MB response cap, against an ordinary article body of the same size (the demo
// article's paragraphs, repeated): from setting `src` to the article laid out, median of a few runs;
// and the longest task meanwhile (how long the page could not answer the reader), median too.
/* global window, document, customElements -- in the functions passed to page.evaluate, which run in the page */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { freshPage, launchBrowser } from './browser.mjs';
import { hostileBodies, largeBodies } from './hostile-shapes.mjs';
import { median, ms, ratio, times } from './stats.mjs';

const SIZE = 1_800_000;

function ordinaryBody(root) {
  const article = JSON.parse(readFileSync(join(root, 'demo', 'data', 'articles', 'phu-luong-can-bo.json'), 'utf8'));
  return article.body.repeat(Math.max(1, Math.floor(SIZE / Buffer.byteLength(article.body))));
}

/** Writes the bodies as article JSON files into the served folder; returns their URLs by name. */
export function prepareHostileBodies(root, siteDir) {
  const bodies = { 'ordinary article body': ordinaryBody(root) };
  for (const [shape, make] of Object.entries({ ...hostileBodies, ...largeBodies })) bodies[shape] = make(SIZE);
  const urls = {};
  Object.entries(bodies).forEach(([name, body], index) => {
    writeFileSync(join(siteDir, 'bench', `body-${index}.json`), JSON.stringify({ heading: 'Tin', published: '2018-05-11', author: 'Quang Sơn', body }));
    urls[name] = `/bench/body-${index}.json`;
  });
  writeFileSync(
    join(siteDir, 'bench', 'article.html'),
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title><script src="/dist/egov-widgets.js" defer></script></head><body></body></html>\n',
  );
  return urls;
}

export async function measureHostileBodies(browser, baseUrl, urls, { runs }) {
  const results = {};
  for (const [name, url] of Object.entries(urls)) {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const { page, close } = await freshPage(browser, { throttle: 1 });
      await page.goto(`${baseUrl}/bench/article.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => customElements.get('egov-article-view'));
      samples.push(
        await page.evaluate(async (src) => {
          const element = document.createElement('egov-article-view');
          const loaded = new Promise((resolve, reject) => {
            element.addEventListener('egov-article-load', resolve);
            element.addEventListener('egov-error', (event) => reject(new Error(event.detail.message)));
          });
          const tasksBefore = window.__bench.longTasks.length;
          const start = performance.now();
          element.setAttribute('src', src);
          document.body.append(element);
          await loaded;
          element.shadowRoot.querySelector('[part="body"]').getBoundingClientRect();
          const ms = performance.now() - start;
          // Long tasks are reported after they end: a moment for the last one's report.
          await new Promise((resolve) => setTimeout(resolve, 100));
          return { ms, longestTaskMs: Math.max(0, ...window.__bench.longTasks.slice(tasksBefore)) };
        }, url),
      );
      await close();
    }
    results[name] = {
      medianMs: median(samples.map((sample) => sample.ms)),
      longestTaskMs: median(samples.map((sample) => sample.longestTaskMs)),
      samples: samples.map((sample) => sample.ms),
    };
  }
  return results;
}

// `node bench/hostile-bodies.mjs [runs] [dist folder]`: row 6 alone, on dist/ as it is (`npm run build`
// first), or on another build's dist folder to compare two builds.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(os.tmpdir(), 'egov-bodies-'));
  const site = join(dir, 'site');
  mkdirSync(join(site, 'bench'), { recursive: true });
  const server = await startReferenceServer({ env: { EGOV_DEMO_DIR: site, EGOV_DIST_DIR: process.argv[3] ?? join(root, 'dist'), EGOV_RATE_LIMIT: '0' } });
  const browser = await launchBrowser();
  try {
    const bodies = await measureHostileBodies(browser, server.url, prepareHostileBodies(root, site), { runs: Number(process.argv[2] ?? 3) });
    const ordinary = bodies['ordinary article body'].medianMs;
    console.log(`load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    for (const [name, { medianMs, longestTaskMs, samples }] of Object.entries(bodies)) {
      console.log(`${name.padEnd(44)} ${ms(medianMs).padStart(8)}  ${times(ratio(medianMs, ordinary))}  longest task ${ms(longestTaskMs).padStart(8)}  [${samples.map(ms).join(', ')}]`);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
