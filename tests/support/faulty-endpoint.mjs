// A real local HTTP endpoint that misbehaves on purpose, for the fault tests of every widget that
// loads data. Served by the test runner's dev server under /faults/, and usable on its own.
//
//   /faults/<kind>                 always misbehaves
//   /faults/<kind>?key=K&times=N   misbehaves N times (default 1) for key K, then recovers
//   &ok=<JSON>                     the body sent once recovered (default {"ok":true})
//
// kinds: 500, 502, 503, 404, 429 (Retry-After: 1), 204, stall (no answer for 30 s), reset (socket
// destroyed mid-body), html, truncated (cut JSON), big (3 MB JSON), json (200 with the `ok` body),
// slow (the `ok` body after `delay` ms, default 1500).
import { createServer } from 'node:http';

const failures = new Map();

/** Handles a /faults/ request; returns false for any other path. */
export function handleFault(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const match = /^\/faults\/([a-z0-9-]+)$/.exec(url.pathname);
  if (!match) return false;
  const kind = match[1];
  const okBody = url.searchParams.get('ok') ?? '{"ok":true}';
  const key = url.searchParams.get('key');
  if (key !== null) {
    const remaining = failures.get(key) ?? Number(url.searchParams.get('times') ?? 1);
    if (remaining <= 0) {
      sendJson(res, 200, okBody);
      return true;
    }
    failures.set(key, remaining - 1);
  }
  misbehave(kind, res, url, okBody);
  return true;
}

function misbehave(kind, res, url, okBody) {
  switch (kind) {
    case '500':
    case '502':
    case '503':
    case '404':
      return sendJson(res, Number(kind), JSON.stringify({ error: 'fault', message: `Injected ${kind}` }));
    case '429':
      res.setHeader('Retry-After', '1');
      return sendJson(res, 429, JSON.stringify({ error: 'rate_limited', message: 'Injected 429' }));
    case '204':
      res.writeHead(204);
      return res.end();
    case 'stall': {
      const timer = setTimeout(() => res.destroy(), 30_000);
      res.on('close', () => clearTimeout(timer));
      return undefined;
    }
    case 'reset':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      res.write('[{"label": "Cổng Thông tin điện tử Chính phủ", "href": "https://chinhphu.vn"}, ');
      return setTimeout(() => res.destroy(), 50);
    case 'html':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>');
    case 'truncated':
      return sendJson(res, 200, okBody.slice(0, Math.max(1, Math.floor(okBody.length / 2))));
    case 'big':
      return sendJson(res, 200, JSON.stringify({ padding: 'x'.repeat(3 * 1024 * 1024) }));
    case 'json':
      return sendJson(res, 200, okBody);
    case 'slow': {
      const timer = setTimeout(() => sendJson(res, 200, okBody), Number(url.searchParams.get('delay') ?? 1500));
      res.on('close', () => clearTimeout(timer));
      return undefined;
    }
    default:
      return sendJson(res, 400, JSON.stringify({ error: 'unknown_fault', message: kind }));
  }
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** The endpoint as a Koa middleware for @web/dev-server (Web Test Runner). */
export function faultMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/faults/')) return next();
  ctx.respond = false;
  handleFault(ctx.req, ctx.res);
  return undefined;
}

/** The endpoint as its own server on a free loopback port: `{ url, close() }`. */
export async function startFaultyEndpoint() {
  const server = createServer((req, res) => {
    if (!handleFault(req, res)) sendJson(res, 404, '{"error":"not_found"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)).finally(() => server.closeAllConnections()),
  };
}
