// Component tests in Debian's headless Chromium. The dev server also hosts the misbehaving
// endpoint (/faults/, its Poll API in front of the same server) and proxies /api/ to the real
// reference poll server on a temporary SQLite file.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { request } from 'node:http';
import { CHROME_ARGS, findChrome } from './scripts/chrome.mjs';
import { versionDefine } from './scripts/version.mjs';
import { timingsReporter } from './scripts/wtr-timings.mjs';
import { TEST_EDITOR_ENV } from './tests/support/admin-editor.mjs';
import { faultMiddleware, usePollServer, writePollsWithPool } from './tests/support/faulty-endpoint.mjs';
import { startReferenceServer } from './tests/support/reference-server.mjs';

let referenceServer;

/** Starts the reference server with the dev server and stops it after the run. */
const referenceServerPlugin = {
  name: 'egov-reference-server',
  async serverStart() {
    const polls = writePollsWithPool('tests/poll/polls.json');
    referenceServer = await startReferenceServer({
      // EGOV_DEMO_EDITOR: the editor tests/admin/ signs in as, created by the server at start.
      env: { EGOV_RATE_LIMIT: '100000', EGOV_POLLS: polls, EGOV_DEMO_EDITOR: TEST_EDITOR_ENV },
    });
    // The faulty endpoint's Poll API is a proxy in front of this same server.
    usePollServer(referenceServer.url);
  },
  async serverStop() {
    await referenceServer?.stop();
  },
};

/**
 * `executeServerCommand(command, payload)` in a test: `emulate-timezone` ({timezoneId}, none: the
 * machine's), the page's time zone, for dates that must not depend on where the reader is;
 * `emulate-forced-colors` ({active}): a Windows contrast theme, which wtr's emulateMedia cannot set
 * in Chromium (puppeteer refuses the feature; the DevTools protocol takes it); `tap` ({x, y}): a
 * finger's tap at that point of the page (touch events, then the browser's own pointer and
 * compatibility mouse events, as on a phone); `wheel` ({x, y, deltaY}): a mouse wheel turned
 * there (wtr's sendMouse has no wheel); `accessible-node` ({selector}, `>>>` into shadow roots):
 * the role and name Chromium gives the element, as a screen reader gets them.
 */
const cdpSessions = new WeakMap();
const emulationCommands = {
  name: 'egov-emulation',
  async executeCommand({ command, payload, session }) {
    const page = session.browser.getPage(session.id);
    if (command === 'emulate-timezone') {
      await page.emulateTimezone(payload?.timezoneId);
      return true;
    }
    if (command === 'emulate-forced-colors') {
      // Kept open: what a session emulates may end with it.
      if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
      await cdpSessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : '' }] });
      return true;
    }
    if (command === 'tap') {
      await page.touchscreen.tap(payload.x, payload.y);
      return true;
    }
    if (command === 'accessible-node') {
      // Chromium's own accessibility tree, where wtr's a11ySnapshot leaves out the uninteresting nodes.
      const element = await page.$(payload.selector);
      const node = element && (await page.accessibility.snapshot({ root: element, interestingOnly: false }));
      await element?.dispose();
      return node ? { role: node.role, name: node.name ?? '' } : null;
    }
    if (command === 'wheel') {
      await page.mouse.move(payload.x, payload.y);
      await page.mouse.wheel({ deltaY: payload.deltaY });
      return true;
    }
    return undefined;
  },
};

const answersLost = new Set();

/** How late a request of `egov-late-request` reaches the server after its answer was lost. */
const LATE_REQUEST_MS = 1500;

/**
 * A test's cookie (path /api/admin) that makes the first POST or PATCH sent with its key lose its
 * answer: `egov-lose-answer=<key>` — the request reaches the server, which does it, and the answer
 * is lost on the way back (the connection is cut once the server has answered) — or
 * `egov-late-request=<key>` — the answer is lost at once, and the request reaches the server only
 * LATE_REQUEST_MS later (a slow network or server: it is done after the browser gave up on it);
 * or that makes the first GET of the editors' API sent with its key fail at the gateway:
 * `egov-fail-read=<key>` — a 502 page, the server never asked.
 * Returns 'lose', 'late', 'gateway', or undefined.
 */
function testFault(ctx) {
  const cookie = ctx.headers.cookie ?? '';
  const faults = [
    ['lose', 'egov-lose-answer', ['POST', 'PATCH'].includes(ctx.method)],
    ['late', 'egov-late-request', ['POST', 'PATCH'].includes(ctx.method)],
    ['gateway', 'egov-fail-read', ctx.method === 'GET'],
  ];
  for (const [fault, name, applies] of faults) {
    const key = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(cookie)?.[1];
    if (!key || !applies || answersLost.has(`${name} ${key}`)) continue;
    answersLost.add(`${name} ${key}`);
    return fault;
  }
  return undefined;
}

/**
 * The answer's status line and headers pass, the body does not, and the connection is cut: the
 * browser sees a network error. (A connection cut before any byte came back would be sent again
 * by the browser itself: a reused connection's retry.)
 */
function cutAfterHeaders(res, status, headers) {
  res.writeHead(status, headers);
  res.flushHeaders();
  res.destroy();
}

/**
 * Same-origin /api for the widgets under test, answered by the reference server. Like a portal's
 * reverse proxy, it passes the browser's Host on, so the server's own origin is the page's (the
 * admin API refuses a state-changing request whose Origin is another).
 */
function apiProxy(ctx, next) {
  if (!ctx.path.startsWith('/api/')) return next();
  ctx.respond = false;
  // Koa's default 404 would otherwise be what the runner logs for every proxied request.
  ctx.res.statusCode = 200;
  const target = new URL(ctx.url, referenceServer.url);
  const fault = testFault(ctx);
  if (fault === 'gateway') {
    ctx.res.writeHead(502, { 'content-type': 'text/html' });
    ctx.res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    return undefined;
  }
  if (fault === 'late') {
    const body = [];
    ctx.req.on('data', (chunk) => body.push(chunk));
    ctx.req.on('end', () => {
      cutAfterHeaders(ctx.res, 200, { 'content-type': 'application/json', 'content-length': '1000' });
      setTimeout(() => {
        const late = request(target, { method: ctx.method, headers: ctx.headers }, (answer) => answer.resume());
        late.on('error', () => {});
        late.end(Buffer.concat(body));
      }, LATE_REQUEST_MS);
    });
    return undefined;
  }
  const upstream = request(target, { method: ctx.method, headers: ctx.headers }, (answer) => {
    if (fault === 'lose') {
      answer.resume();
      answer.on('end', () => cutAfterHeaders(ctx.res, answer.statusCode ?? 502, answer.headers));
      return;
    }
    ctx.res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(ctx.res);
  });
  upstream.on('error', () => {
    ctx.res.writeHead(502);
    ctx.res.end();
  });
  ctx.req.pipe(upstream);
  return undefined;
}

/**
 * The files that take longest (wtr's per-file timings: `EGOV_TEST_TIMINGS=1`), started first: the
 * run ends when its last file does, so a long file must not be the last one to start. Test
 * files run in the order listed; the glob after these adds the rest once.
 */
const SLOWEST_FIRST = [
  'tests/admin/admin-page.test.ts',
  'tests/web-links/windowed-list.test.ts',
  'tests/article-view/hostile-bodies.test.ts',
  'tests/banners/banners.test.ts',
  'tests/article-view/long-bodies-fallback.test.ts',
  'tests/poll/faults.test.ts',
  'tests/hardening/a11y.test.ts',
  'tests/article-view/sanitize-fallback.test.ts',
  'tests/article-view/sanitize.test.ts',
];

export default {
  files: [...SLOWEST_FIRST, 'tests/**/*.test.ts', '!tests/server/**', '!tests/e2e/**', '!tests/release/**', '!tests/unit/**'],
  nodeResolve: true,
  concurrency: 2,
  reporters: process.env.EGOV_TEST_TIMINGS ? [defaultReporter(), timingsReporter()] : [defaultReporter()],
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022', define: versionDefine() }), referenceServerPlugin, emulationCommands],
  middleware: [faultMiddleware, apiProxy],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS },
      createPage: async ({ browser }) => {
        // Each page in a browser context of its own: test files run in parallel on one origin and
        // must not share localStorage (the voter token, remembered votes, the text size).
        const context = await browser.createBrowserContext();
        // A window, not a tab: a background tab gets no animation frames, so tests there would stall.
        const page = await context.newPage({ type: 'window' });
        // Only one window has the focus; let every test page behave as the focused one, so focus
        // and blur events fire in all of them (the combobox and the toolbar depend on them).
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        return page;
      },
    }),
  ],
};
