// Headless Chromium for rows 2–4: Debian's browser (scripts/chrome.mjs, never a download),
// a fresh browser context per load (cold HTTP cache, empty localStorage), 4× CPU throttling.
/* global window, document, customElements, requestAnimationFrame, MutationObserver, Node */
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../scripts/chrome.mjs';

export const CPU_THROTTLING = 4;

export async function launchBrowser() {
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    args: [...CHROME_ARGS, '--window-size=1280,900'],
    defaultViewport: { width: 1280, height: 900 },
  });
  return browser;
}

/**
 * A page in its own context, throttled, instrumented before any of the page's scripts run.
 * `ready`: what "rendered" means on the page — every element of `tags` rendered and `selector`
 * present; `__bench.rendered` resolves with the time of the first frame painted in that state.
 */
export async function freshPage(browser, { ready = { tags: [] }, throttle = CPU_THROTTLING } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.evaluateOnNewDocument(instrument, ready);
  page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`));
  return { page, cdp, close: () => context.close() };
}

/**
 * The time (page clock, ms) of the first frame painted with the page rendered (see `freshPage`),
 * or NaN after `timeoutMs`.
 */
export function waitRendered(page, timeoutMs = 30_000) {
  return page.evaluate(
    (timeout) => Promise.race([window.__bench.rendered, new Promise((resolve) => setTimeout(() => resolve(NaN), timeout))]),
    timeoutMs,
  );
}

/** Like `waitRendered`, but a page that does not render is an error that says what it shows. */
export async function requireRendered(page, what, timeoutMs = 30_000) {
  const rendered = await waitRendered(page, timeoutMs);
  if (Number.isFinite(rendered)) return rendered;
  const shown = await page.evaluate(() => (window.__bench.subject()?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200));
  throw new Error(`${what} did not render within ${timeoutMs / 1000} s; it shows: "${shown}"`);
}

/**
 * Runs in the page before its scripts: collects long tasks and layout shifts, and offers
 * `__bench.rendered(tags)` (first frame where every listed element has rendered, loading done)
 * and `__bench.arm(root)` / `__bench.settled()` for input-to-paint latency.
 */
function instrument({ tags, selector }) {
  const bench = { longTasks: [], cls: 0, shifted: [], fcp: Number.NaN };
  Object.defineProperty(window, '__bench', { value: bench });
  const observe = (type, callback) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(callback)).observe({ type, buffered: true });
    } catch {
      // Entry type not supported: the metric stays empty.
    }
  };
  observe('longtask', (entry) => bench.longTasks.push(entry.duration));
  observe('layout-shift', (entry) => {
    if (entry.hadRecentInput) return;
    bench.cls += entry.value;
    // What moved, to find the culprit: the nodes' tag names (the host element for shadow content).
    for (const source of entry.sources ?? []) {
      const node = source.node?.getRootNode?.().host ?? source.node;
      bench.shifted.push(`${node?.localName ?? node?.nodeName ?? '?'} (${entry.value.toFixed(3)})`);
    }
  });
  observe('paint', (entry) => {
    if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
  });

  const isRendered = (element) => {
    const root = element.shadowRoot;
    if (!customElements.get(element.localName) || !root || !element.hasUpdated || element.isUpdatePending) return false;
    if (!root.querySelector(':not(style)')) return false;
    return !root.querySelector('[part~="loading"], [aria-busy="true"]');
  };

  // Watched from the first frame on: the time just after the first frame painted with every
  // element of `tags` rendered (and `selector`, if given, present).
  bench.rendered = new Promise((resolve) => {
    const check = () => {
      const ready =
        document.readyState !== 'loading' &&
        (!selector || document.querySelector(selector)) &&
        tags.every((tag) => [...document.querySelectorAll(tag)].every(isRendered));
      if (ready) setTimeout(() => resolve(performance.now()));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });

  /** What rows 3 and 4 measure: the shadow root of `#subject`, or the element itself (floor pages). */
  bench.subject = () => {
    const element = document.getElementById('subject');
    return element?.shadowRoot ?? element;
  };

  const inLiveRegion = (node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return Boolean(element?.closest('[aria-live], [role="status"], [role="alert"], [role="log"]'));
  };

  /**
   * Starts one measurement: the next keydown or click anywhere is the start; every DOM change
   * inside `root` (live regions aside, their announcements may be deliberately delayed) is
   * followed by a frame, and the end is just after the frame that follows the last change.
   */
  bench.arm = (root) => {
    const state = { start: Number.NaN, inputPainted: Number.NaN, changes: 0, lastChange: Number.NaN, end: Number.NaN, painted: 0 };
    const onInput = (event) => {
      if (Number.isNaN(state.start)) state.start = event.timeStamp;
    };
    // An input that changes nothing (a space the filter ignores) ends with the frame after it.
    const onInputDone = () => {
      requestAnimationFrame(() => setTimeout(() => (state.inputPainted = performance.now())));
    };
    window.addEventListener('keydown', onInput, { capture: true });
    window.addEventListener('click', onInput, { capture: true });
    window.addEventListener('keyup', onInputDone, { capture: true });
    window.addEventListener('click', onInputDone, { capture: true });
    const observer = new MutationObserver((records) => {
      if (records.every((record) => inLiveRegion(record.target))) return;
      const change = ++state.changes;
      state.lastChange = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (change !== state.changes) return;
          state.end = performance.now();
          state.painted = change;
        }),
      );
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    bench.current = { state, stop: () => {
      observer.disconnect();
      window.removeEventListener('keydown', onInput, { capture: true });
      window.removeEventListener('click', onInput, { capture: true });
      window.removeEventListener('keyup', onInputDone, { capture: true });
      window.removeEventListener('click', onInputDone, { capture: true });
    } };
  };

  /** Resolves once nothing inside `root` has changed for `quietMs` (at most `timeoutMs`). */
  bench.quiet = (root, quietMs, timeoutMs) =>
    new Promise((resolve) => {
      let last = performance.now();
      const began = last;
      const observer = new MutationObserver(() => (last = performance.now()));
      observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      const check = () => {
        const now = performance.now();
        if (now - last >= quietMs || now - began >= timeoutMs) {
          observer.disconnect();
          resolve();
        } else {
          setTimeout(check, 25);
        }
      };
      check();
    });

  /**
   * Waits until nothing changed for `quietMs` (and `untilSelector`, if given, matches inside the
   * root), or `timeoutMs` passed, then returns the measurement.
   */
  bench.settled = (quietMs, timeoutMs, untilSelector) =>
    new Promise((resolve) => {
      const { state, stop } = bench.current;
      const began = performance.now();
      const check = () => {
        const now = performance.now();
        if (untilSelector && !bench.subject().querySelector(untilSelector) && now - began < timeoutMs) {
          setTimeout(check, 25);
          return;
        }
        // The frame after the last change must have come: on a busy machine it can lag the change.
        const changed = state.changes > 0 && state.painted === state.changes && now - state.lastChange >= quietMs;
        const unchanged = state.changes === 0 && !Number.isNaN(state.inputPainted) && now - state.inputPainted >= quietMs;
        if (changed || unchanged || now - began >= timeoutMs) {
          stop();
          const end = state.changes > 0 ? state.end : state.inputPainted;
          resolve({ start: state.start, end, changes: state.changes });
        } else {
          setTimeout(check, 25);
        }
      };
      check();
    });
}

/**
 * Starts a browser-wide trace (every renderer, so many loads share one trace: stopping a trace
 * costs seconds). `stop()` resolves with the trace events.
 */
export async function startTrace(browser, categories = ['devtools.timeline']) {
  const session = await browser.target().createCDPSession();
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReturnAsStream',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
      await session.send('Tracing.end');
      const { stream } = await complete;
      const chunks = [];
      for (;;) {
        const { data, eof, base64Encoded } = await session.send('IO.read', { handle: stream, size: 1 << 22 });
        chunks.push(Buffer.from(data, base64Encoded ? 'base64' : 'utf8'));
        if (eof) break;
      }
      await session.send('IO.close', { handle: stream });
      await session.detach();
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      return Array.isArray(parsed) ? parsed : parsed.traceEvents;
    },
  };
}

/**
 * Main-thread time (ms) spent evaluating scripts whose URL ends with one of `files`, per
 * renderer process (one per load, since every load has its own browser context).
 */
export function scriptEvaluationPerLoad(events, files) {
  const perProcess = new Map();
  for (const event of events) {
    if (event.name !== 'EvaluateScript' || event.ph !== 'X') continue;
    const url = String(event.args?.data?.url ?? '');
    if (!files.some((file) => url.endsWith(file))) continue;
    const entry = perProcess.get(event.pid) ?? { start: event.ts, ms: 0 };
    entry.ms += (event.dur ?? 0) / 1000;
    perProcess.set(event.pid, entry);
  }
  return [...perProcess.values()].sort((a, b) => a.start - b.start).map((entry) => entry.ms);
}
