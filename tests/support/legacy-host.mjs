/**
 * A portal as webmasters really have it, for the end-to-end tests: the legacy page in
 * tests/e2e/legacy/ with the real Bootstrap 3 and jQuery 1.x files from node_modules, the built
 * bundle (dist/egov-widgets.js) at the path a webmaster would copy it to, the demo's links file,
 * and /api proxied to a reference server (tests/support/reference-server.mjs).
 *
 *   const host = await startLegacyHost({ api: server.url });
 *   await page.goto(`${host.url}/`);
 *   host.formPosts; // every request the page's ASP.NET-style form would make on a post-back
 *   await host.stop();
 *
 * No Content-Security-Policy: such pages have inline scripts, and the kit must work there too.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** URL prefix → folder in the repository. The longest matching prefix wins. */
const FOLDERS = [
  ['/bootstrap/', 'node_modules/bootstrap/dist'],
  ['/jquery/', 'node_modules/jquery/dist'],
  ['/egov-widgets/', 'dist'],
  ['/data/', 'demo/data'],
  ['/images/', 'demo/images'],
  ['/', 'tests/e2e/legacy'],
];

/** Where the page's `<form method="post">` posts back, as ASP.NET WebForms pages do. */
export const FORM_ACTION = '/Default.aspx';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * @param {{api: string}} options `api`: the reference server's URL, without trailing slash.
 * @returns {Promise<{url: string, formPosts: string[], stop: () => Promise<void>}>}
 */
export async function startLegacyHost({ api }) {
  const formPosts = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/api/')) return proxy(req, res, new URL(req.url ?? '/', api));
    if (url.pathname.toLowerCase() === FORM_ACTION.toLowerCase()) {
      formPosts.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Post-back</title><p>The form was posted.</p>');
    }
    return serveFile(res, url.pathname);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    formPosts,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveFile(res, pathname) {
  const file = resolveFile(pathname === '/' ? '/index.html' : pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('Not found');
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}

/** The file for a URL path, or null when it is outside the served folders or missing. */
function resolveFile(pathname) {
  const [prefix, folder] = FOLDERS.find(([start]) => pathname.startsWith(start));
  const base = path.join(REPO_ROOT, folder);
  const file = path.normalize(path.join(base, decodeURIComponent(pathname.slice(prefix.length))));
  if (!file.startsWith(base + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function proxy(req, res, target) {
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}
