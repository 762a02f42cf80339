// A real local HTTP endpoint that misbehaves on purpose, for the fault tests of every widget that
// loads data. Served by the test runner's dev server under /faults/, and usable on its own.
//
//   /faults/<kind>                 always misbehaves
//   /faults/<kind>?key=K&times=N   misbehaves N times (default 1) for key K, then recovers
//   &ok=<JSON>                     the body sent once recovered (default {"ok":true})
//
// kinds: 500, 502, 503, 400, 404, 410, 413, 429 (Retry-After: 1), 429-long (Retry-After: 120), 204,
// stall (no answer for 30 s), reset (socket destroyed mid-body), html, truncated (cut JSON),
// big (3 MB JSON), shape (200 with JSON that is no widget's data), json (200 with the `ok` body),
// slow (the `ok` body after `delay` ms, default 1500).
//
//   /faults/poll/<kind>/<load|vote>/<times>/<key>   a Poll API base URL (the `endpoint` of <egov-poll>)
//
// Under it, `/polls/<id>` (GET) and `/polls/<id>/votes` (POST) misbehave with <kind> on the first
// <times> loads or votes for <key>, then answer like the reference server, from a poll in memory
// (three options, one ballot per voter, 409 with the results to a repeat). A vote whose answer is
// lost (`reset`, `truncated`) is counted first, as when a real server's answer never arrives.
// Kind `slow` answers correctly after 2 s. A poll whose id starts with `multiple` allows several
// options per ballot (checkboxes).
//
//   /faults/refused/<key>          `{"url": "http://127.0.0.1:<port>"}`: a loopback port where
//                                  nothing listens, so connecting to it is refused (a real refusal,
//                                  not an HTTP answer)
//   /faults/refused/<key>/open     the endpoint recovers: this very endpoint (every route above)
//                                  starts listening on that port, with CORS open to any origin,
//                                  until `/faults/refused/<key>/close` or for 60 s
import { createServer } from 'node:http';

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
    case '502':
    case '503':
    case '400':
    case '404':
    case '410':
    case '413':
      return sendJson(res, Number(kind), JSON.stringify({ error: 'fault', message: `Injected ${kind}` }));
    case '429':
    case '429-long':
      res.setHeader('Retry-After', kind === '429' ? '1' : '120');
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
const VOTER = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const polls = new Map();

/** The in-memory poll of `key`, created on first use. */
function pollFor(key, id) {
  if (!polls.has(key)) {
    polls.set(key, {
      voters: new Set(),
      poll: {
        id,
        question: 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?',
        multiple: id.startsWith('multiple'),
        closesAt: null,
        closed: false,
        totalVotes: 10,
        options: [
          { id: '2-ngay', label: '2 ngày', votes: 3 },
          { id: '3-ngay', label: '3 ngày', votes: 5 },
          { id: '5-ngay', label: '5 ngày', votes: 2 },
        ],
      },
    });
  }
  return polls.get(key);
}

function handlePollFault(req, res, url) {
  const match = POLL_ROUTE.exec(url.pathname);
  if (!match) {
    sendJson(res, 404, JSON.stringify({ error: 'not_found', message: 'see the poll route in faulty-endpoint.mjs' }));
    return true;
  }
  const [, kind, target, times, key, pollId, votes] = match;
  const isVote = votes !== undefined;
  if (isVote !== (req.method === 'POST')) {
    sendJson(res, 405, JSON.stringify({ error: 'method', message: 'GET a poll, POST its votes' }));
    return true;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const state = pollFor(key, pollId);
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = () => (isVote ? sendJson(res, ...countBallot(state, body)) : sendJson(res, 200, JSON.stringify(state.poll)));
    const counter = `${key}:${target}`;
    const remaining = failures.get(counter) ?? Number(times);
    if ((target === 'vote') !== isVote || remaining <= 0) return answer();
    failures.set(counter, remaining - 1);
    if (kind === 'slow') {
      const timer = setTimeout(answer, 2000);
      return res.on('close', () => clearTimeout(timer));
    }
    if (isVote && (kind === 'reset' || kind === 'truncated')) countBallot(state, body);
    return misbehave(kind, res, url, JSON.stringify(state.poll));
  });
  return true;
}

/** Counts a ballot like the reference server; returns the answer: 201, 409 to a repeat, 400 to nonsense. */
function countBallot(state, text) {
  let ballot;
  try {
    ballot = JSON.parse(text);
  } catch {
    return [400, JSON.stringify({ error: 'bad_request', message: 'not JSON' })];
  }
  const options = state.poll.options.filter((option) => ballot?.options?.includes(option.id));
  const allowed = state.poll.multiple ? state.poll.options.length : 1;
  const sent = Array.isArray(ballot?.options) ? ballot.options.length : 0;
  if (!VOTER.test(String(ballot?.voter)) || options.length === 0 || options.length !== sent || sent > allowed) {
    return [400, JSON.stringify({ error: 'bad_request', message: 'bad ballot' })];
  }
  if (state.voters.has(ballot.voter)) {
    return [409, JSON.stringify({ error: 'already_voted', message: 'already voted', poll: state.poll })];
  }
  state.voters.add(ballot.voter);
  for (const option of options) option.votes++;
  state.poll.totalVotes++;
  return [201, JSON.stringify(state.poll)];
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
