// A real local HTTP endpoint that misbehaves on purpose, for the fault tests of every widget that
// loads data. Served by the test runner's dev server under /faults/, and usable on its own.
//
//   /faults/<kind>                 always misbehaves
//   /faults/<kind>?key=K&times=N   misbehaves N times (default 1) for key K, then recovers
//   &ok=<JSON>                     the body sent once recovered (default {"ok":true})
//
// kinds: 500, 400, 404, 410, 413 (a JSON error body), 502, 503 (a gateway's HTML page),
// 429 (Retry-After: 3), 429-long (Retry-After: 120), 204,
// stall (no answer for 30 s), reset (socket destroyed mid-body), html, truncated (cut JSON),
// big (3 MB JSON), shape (200 with JSON that is no widget's data), json (200 with the `ok` body),
// slow (the `ok` body after `delay` ms, default 1500).
//
//   /faults/poll/<kind>/<load|vote>/<times>/<key>   a Poll API base URL (the `endpoint` of <egov-poll>)
//
// A proxy in front of the REAL reference server (`usePollServer(url)`): `/polls/<id>` (GET) and
// `/polls/<id>/votes` (POST) go to its `/api/polls/…`, except the first <times> loads or votes for
// <key>, which misbehave with <kind>: `reset` and `truncated` cut the server's own answer after it
// did the work (a vote is committed, its answer lost); `slow` holds it 2 s; `410` is the server's
// 410 with the poll's results as they stand; `lost-then-busy` is `reset` the first time, then
// `429-long`; `400`, `404`, `413`, `429`, `500` are the server's own
// error bodies (SERVER_ERRORS, checked against the server by tests/server/faulty-endpoint.test.ts);
// any other kind (502, stall, html…) is a broken gateway that never reaches the server. Poll id
// `own` (or `own-multiple`) is a fresh poll of this key's own, from the pool the server was started
// with (`writePollsWithPool`): the holiday question, 3 options with 3, 5 and 2 votes.
//
//   /faults/refused/<key>          `{"url": "http://127.0.0.1:<port>"}`: a loopback port where
//                                  nothing listens, so connecting to it is refused (a real refusal,
//                                  not an HTTP answer)
//   /faults/refused/<key>/open     the endpoint recovers: this very endpoint (every route above)
//                                  starts listening on that port, with CORS open to any origin,
//                                  until `/faults/refused/<key>/close` or for 60 s
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';

const failures = new Map();

/** Handles a /faults/ request; returns false for any other path. */
export function handleFault(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/faults/poll/')) return handlePollFault(req, res, url);
  if (url.pathname.startsWith('/faults/refused/')) return handleRefused(res, url);
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
    case '400':
    case '404':
    case '410':
    case '413':
      return sendJson(res, Number(kind), JSON.stringify({ error: 'fault', message: `Injected ${kind}` }));
    // What a gateway (nginx, a load balancer) answers when the service behind it is down: its own HTML page.
    case '502':
    case '503':
      res.writeHead(Number(kind), { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><title>${kind}</title><h1>${kind === '502' ? 'Bad Gateway' : 'Service Unavailable'}</h1>`);
    case '429':
    case '429-long':
      res.setHeader('Retry-After', String(kind === '429' ? SHORT_RETRY_AFTER : LONG_RETRY_AFTER));
      return sendJson(res, 429, JSON.stringify({ error: 'rate_limited', message: 'Injected 429' }));
    case 'shape':
      return sendJson(res, 200, JSON.stringify({ unexpected: true }));
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

const POLL_ROUTE = /^\/faults\/poll\/([a-z0-9-]+)\/(load|vote)\/(\d+)\/([A-Za-z0-9_-]+)\/polls\/([a-z0-9-]+)(\/votes)?$/;

/** The reference server the poll route stands in front of (`http://127.0.0.1:<port>`). */
let pollServer;

/** Points the poll route at a running reference server (tests/support/reference-server.mjs). */
export function usePollServer(url) {
  pollServer = url;
}

/**
 * The error bodies of the reference server that the poll route sends in its stead, word for word
 * (server/polls.ts, server/error-replies.ts). tests/server/faulty-endpoint.test.ts provokes each
 * one from the real server and compares, so the two cannot drift apart.
 */
export const SERVER_ERRORS = {
  400: { error: 'unknown_option', message: 'An option is not one of this poll.' },
  404: { error: 'not_found', message: 'There is no poll with this id.' },
  410: { error: 'closed', message: 'This poll is closed.' },
  413: { error: 'too_large', message: 'The request body is larger than 4096 bytes.' },
  429: { error: 'rate_limited', message: 'Too many votes from this client; try again later.' },
  500: { error: 'internal', message: 'The server failed; the vote, if any, was not counted.' },
};

/** Seconds a `429` asks to wait: different from the widget's own 1 s backoff, so ignoring it shows. */
export const SHORT_RETRY_AFTER = 3;
const LONG_RETRY_AFTER = 120;

/** Polls of the pool: one fresh poll of the reference server per test (per key and `own…` id). */
const POOL_SIZE = { single: 100, multiple: 20 };
const POOL_OPTIONS = [
  { id: '2-ngay', label: '2 ngày', seedVotes: 3 },
  { id: '3-ngay', label: '3 ngày', seedVotes: 5 },
  { id: '5-ngay', label: '5 ngày', seedVotes: 2 },
];
const poolTaken = { single: 0, multiple: 0 };
/** `key/id` → the pool poll given to it. */
const poolPolls = new Map();

/**
 * Writes a polls file for the reference server: the polls of `basePath` and the pool of fresh
 * polls the poll route hands out (`loi-N`, `loi-nhieu-N`: the holiday question, 3 options with
 * 3, 5 and 2 votes). Returns its path (a temporary file).
 */
export function writePollsWithPool(basePath) {
  const base = JSON.parse(readFileSync(basePath, 'utf8'));
  const pool = (kind, multiple) =>
    Array.from({ length: POOL_SIZE[kind] }, (_, index) => ({
      id: poolId(kind, index + 1),
      question: 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?',
      multiple,
      closesAt: null,
      options: POOL_OPTIONS,
    }));
  const folder = mkdtempSync(path.join(os.tmpdir(), 'egov-fault-polls-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'polls.json');
  writeFileSync(file, JSON.stringify({ polls: [...base.polls, ...pool('single', false), ...pool('multiple', true)] }));
  return file;
}

function poolId(kind, number) {
  return kind === 'single' ? `loi-${number}` : `loi-nhieu-${number}`;
}

/** The reference server's poll for `id` under `key`: `own` and `own-multiple` name a fresh one from the pool. */
function serverPollId(key, id) {
  if (id !== 'own' && id !== 'own-multiple') return id;
  const kind = id === 'own' ? 'single' : 'multiple';
  const name = `${key}/${id}`;
  if (!poolPolls.has(name)) {
    if (poolTaken[kind] >= POOL_SIZE[kind]) throw new Error(`the pool of ${kind}-choice fault polls is used up`);
    poolPolls.set(name, poolId(kind, ++poolTaken[kind]));
  }
  return poolPolls.get(name);
}

/** Sends a request to the reference server; resolves with its whole answer. */
function forward(method, pathname, body) {
  return new Promise((resolve, reject) => {
    if (!pollServer) throw new Error('no reference server for the poll route: call usePollServer(url)');
    const headers = body.length ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {};
    const upstream = request(new URL(pathname, pollServer), { method, headers }, (answer) => {
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** The server's answer as it came, status, body and `Retry-After`. */
function relay(res, answer) {
  const headers = { 'Content-Type': answer.headers['content-type'] ?? 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (answer.headers['retry-after']) headers['Retry-After'] = answer.headers['retry-after'];
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** The server's answer cut on the way: half of it, then the end (`truncated`) or a reset socket (`reset`). */
function cut(res, answer, kind) {
  const half = answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2)));
  if (kind === 'truncated') {
    res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(half);
  }
  res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(answer.body.length) });
  res.write(half);
  return setTimeout(() => res.destroy(), 50);
}

function handlePollFault(req, res, url) {
  const match = POLL_ROUTE.exec(url.pathname);
  if (!match) {
    sendJson(res, 404, JSON.stringify({ error: 'not_found', message: 'see the poll route in faulty-endpoint.mjs' }));
    return true;
  }
  const [, kind, target, times, key, pollId, votes] = match;
  const isVote = votes !== undefined;
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const counter = `${key}:${target}`;
    const remaining = failures.get(counter) ?? Number(times);
    const faulty = (target === 'vote') === isVote && remaining > 0;
    if (faulty) failures.set(counter, remaining - 1);
    // `lost-then-busy`: the first request's answer is lost after the server did the work, the rest are 429s.
    const misbehaviour = kind === 'lost-then-busy' ? (remaining === Number(times) ? 'reset' : '429-long') : kind;
    answerPoll(req.method, `/api/polls/${serverPollId(key, pollId)}${isVote ? '/votes' : ''}`, body, faulty ? misbehaviour : undefined, res, url).catch(
      (error) => sendJson(res, 502, JSON.stringify({ error: 'fault_proxy', message: String(error) })),
    );
  });
  return true;
}

/** Answers a Poll API request: the server's own answer, or `kind` of misbehaviour. */
async function answerPoll(method, pathname, body, kind, res, url) {
  switch (kind) {
    case undefined:
      return relay(res, await forward(method, pathname, body));
    case 'slow': {
      const answer = await forward(method, pathname, body);
      const timer = setTimeout(() => relay(res, answer), 2000);
      return res.on('close', () => clearTimeout(timer));
    }
    // The server did the work (a vote is committed); its answer is lost on the way back.
    case 'reset':
    case 'truncated':
      return cut(res, await forward(method, pathname, body), kind);
    // The poll closed before the ballot arrived: the server's 410, with the results as they stand.
    case '410': {
      const poll = JSON.parse((await forward('GET', pathname.replace(/\/votes$/, ''), Buffer.alloc(0))).body.toString('utf8'));
      return sendJson(res, 410, JSON.stringify({ ...SERVER_ERRORS[410], poll: { ...poll, closed: true } }));
    }
    case '429':
    case '429-long': {
      const retryAfter = kind === '429' ? SHORT_RETRY_AFTER : LONG_RETRY_AFTER;
      res.setHeader('Retry-After', String(retryAfter));
      return sendJson(res, 429, JSON.stringify({ ...SERVER_ERRORS[429], retryAfter }));
    }
    case '400':
    case '404':
    case '413':
    case '500':
      return sendJson(res, Number(kind), JSON.stringify(SERVER_ERRORS[kind]));
    default:
      // A gateway or a broken server in front of it: 502, 503, stall, html, shape, big, 204…
      return misbehave(kind, res, url, '{}');
  }
}

const REFUSED_ROUTE = /^\/faults\/refused\/([A-Za-z0-9_-]+)(?:\/(open|close))?$/;
/** key -> { port, server? }: ports handed out for refused connections, and the servers that recovered them. */
const refusedPorts = new Map();

/** A loopback port nothing listens on: the system picks a free one, which is closed again at once. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** This endpoint on a port of its own, answering any origin (the port differs from the page's). */
function corsServer() {
  return createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Accept' });
      return res.end();
    }
    if (!handleFault(req, res)) sendJson(res, 404, '{"error":"not_found"}');
    return undefined;
  });
}

function handleRefused(res, url) {
  const match = REFUSED_ROUTE.exec(url.pathname);
  if (!match) {
    sendJson(res, 404, JSON.stringify({ error: 'not_found', message: 'see the refused route in faulty-endpoint.mjs' }));
    return true;
  }
  const [, key, action] = match;
  const answer = (entry) => sendJson(res, 200, JSON.stringify({ url: `http://127.0.0.1:${entry.port}`, listening: !!entry.server }));
  const fail = (error) => sendJson(res, 500, JSON.stringify({ error: 'refused_route', message: String(error) }));
  void (async () => {
    let entry = refusedPorts.get(key);
    if (!entry) {
      entry = { port: await freePort(), server: undefined };
      refusedPorts.set(key, entry);
    }
    if (action === 'open' && !entry.server) {
      const server = corsServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(entry.port, '127.0.0.1', resolve);
      });
      server.unref(); // never what keeps a test process alive
      entry.server = server;
      setTimeout(() => closeRefused(key), 60_000).unref();
    }
    if (action === 'close') closeRefused(key);
    answer(entry);
  })().catch(fail);
  return true;
}

function closeRefused(key) {
  const entry = refusedPorts.get(key);
  if (!entry?.server) return;
  entry.server.close();
  entry.server.closeAllConnections();
  entry.server = undefined;
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** The endpoint as a Koa middleware for @web/dev-server (Web Test Runner). */
export function faultMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/faults/')) return next();
  ctx.respond = false;
  // Koa's default status is 404 until a route writes its head, which the slow, poll and refused
  // routes do later: without this the test runner lists their requests as "404 network requests".
  // Every answer still sends its own status (writeHead).
  ctx.res.statusCode = 200;
  handleFault(ctx.req, ctx.res);
  return undefined;
}

/**
 * The endpoint as its own server on a free loopback port: `{ url, close() }`. `pollServer`: the
 * reference server the poll route stands in front of.
 */
export async function startFaultyEndpoint({ pollServer: referenceUrl } = {}) {
  if (referenceUrl) usePollServer(referenceUrl);
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
