// Component tests in Debian's headless Chromium. The dev server also hosts the misbehaving
// endpoint (/faults/) and proxies /api/ to the real reference poll server on a temporary SQLite file.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { request } from 'node:http';
import { CHROME_ARGS, findChrome } from './scripts/chrome.mjs';
import { faultMiddleware } from './tests/support/faulty-endpoint.mjs';
import { startReferenceServer } from './tests/support/reference-server.mjs';

let referenceServer;

/** Starts the reference server with the dev server and stops it after the run. */
const referenceServerPlugin = {
  name: 'egov-reference-server',
  async serverStart() {
    referenceServer = await startReferenceServer({ env: { EGOV_RATE_LIMIT: '100000', EGOV_POLLS: 'tests/poll/polls.json' } });
  },
  async serverStop() {
    await referenceServer?.stop();
  },
};

/** Same-origin /api for the widgets under test, answered by the reference server. */
function apiProxy(ctx, next) {
  if (!ctx.path.startsWith('/api/')) return next();
  ctx.respond = false;
  // Koa's default 404 would otherwise be what the runner logs for every proxied request.
  ctx.res.statusCode = 200;
  const target = new URL(ctx.url, referenceServer.url);
  const upstream = request(target, { method: ctx.method, headers: { ...ctx.headers, host: target.host } }, (answer) => {
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

export default {
  files: ['tests/**/*.test.ts', '!tests/server/**', '!tests/e2e/**', '!tests/release/**'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), referenceServerPlugin],
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
