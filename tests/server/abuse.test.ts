/**
 * Abuses tried on the server as an attacker would, on loopback, each refused: a forged client
 * address through a proxy trusted too widely, slow clients holding connections, bodies sent
 * with OPTIONS, and malformed HTTP answered outside the documented error shape. (Junk that
 * uses up readers' vote allowance: rate-limit.test.ts.)
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { readConfig } from '../../server/config.js';
import { type ReferenceServer, runReferenceServerToExit, startReferenceServer } from '../support/reference-server.mjs';
import { type ErrorBody, FIXTURE_POLLS, newVoter, postVote, rawRequest, sqliteOnly } from './support.js';

/** What came back on a raw connection until the server closed it, and when it closed. */
interface RawExchange {
  status: number;
  headers: string;
  body: string;
  closedAfterMs: number;
}

/**
 * Opens a TCP connection, writes `bytes` (possibly an unfinished request), and `then.bytes` once
 * `then.when` settles, and reads until the server closes the connection. Fails after `limitMs` if
 * it never does.
 */
function exchange(baseUrl: string, bytes: string, limitMs: number, then?: { when: Promise<unknown>; bytes: string }): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => {
      if (bytes) socket.write(bytes);
      void then?.when.then(() => socket.write(then.bytes));
    });
    let received = '';
    socket.setEncoding('utf8').on('data', (text: string) => (received += text));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${limitMs} ms`));
    }, limitMs);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head.toLowerCase(), body, closedAfterMs: Date.now() - started });
    });
  });
}

/**
 * Stops `server` 200 ms from now: `stopping` settles once it takes no new connection (it is then
 * stopping, the connections it had still open); `stopped`, with its exit code.
 */
function stopSoon(server: ReferenceServer): { stopping: Promise<void>; stopped: Promise<number | null> } {
  let stop: (code: Promise<number | null>) => void = () => {};
  const stopped = new Promise<number | null>((resolve) => (stop = resolve));
  const health = () => fetch(`${server.url}/api/health`).then((response) => response.status, () => 'refused');
  const stopping = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop(server.stop());
    while ((await health()) !== 'refused') await new Promise((resolve) => setTimeout(resolve, 50));
  })();
  return { stopping, stopped };
}

/** Runs `test` against a fresh server on the fixture polls, and stops the server. */
async function withServer(env: Record<string, string>, test: (server: ReferenceServer) => Promise<void>): Promise<void> {
  const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, ...env } });
  try {
    await test(server);
  } finally {
    await server.stop();
  }
}

describe('EGOV_TRUST_PROXY', () => {
  // A hop count trusts whoever connects: a client that reaches the server directly writes its own address.
  for (const value of ['true', '*', 'true,10.0.0.1', '0.0.0.0/0', '::/0', '0.0.0.0/1,128.0.0.0/1', '::ffff:0.0.0.0/96', '::/80', '2000::/8', '1']) {
    it(`refuses "${value}" at start with one line and exit code 1`, async () => {
      const { code, output } = await runReferenceServerToExit({ env: { EGOV_TRUST_PROXY: value }, timeoutMs: 15_000 });
      assert.equal(code, 1, output);
      assert.match(output, /^egov-widgets: EGOV_TRUST_PROXY must list the reverse proxies' addresses or CIDR ranges .*\n$/);
    });
  }

  it('takes addresses, CIDR ranges or named ranges, and no number of hops', () => {
    assert.deepEqual(readConfig({ EGOV_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1, fd00::/32, ::ffff:10.0.0.0/104, loopback' }).trustProxy, [
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/32',
      '::ffff:10.0.0.0/104',
      'loopback',
    ]);
    assert.equal(readConfig({ EGOV_TRUST_PROXY: '' }).trustProxy, false);
    assert.equal(readConfig({ EGOV_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(readConfig({ EGOV_TRUST_PROXY: '0' }).trustProxy, false);
    for (const value of ['10.0.0.0/33', 'proxy.example.gov.vn', '10.0.0.1/8/8', '11', '2', 'all']) {
      assert.throws(() => readConfig({ EGOV_TRUST_PROXY: value }), /EGOV_TRUST_PROXY/, value);
    }
  });

  for (const [env, expected] of [
    [{}, /^egov-widgets: requests come with X-Forwarded-For, but EGOV_TRUST_PROXY is not set: /m],
    [{ EGOV_TRUST_PROXY: '10.0.0.1' }, /^egov-widgets: requests come with X-Forwarded-For from an address EGOV_TRUST_PROXY does not list: /m],
  ] as const) {
    it(`says once on stderr that forwarded requests are not believed (${JSON.stringify(env)}): every reader then shares the proxy's allowance`, async () => {
      await withServer(env, async (server) => {
        for (const client of ['198.51.100.1', '198.51.100.2']) {
          assert.equal((await postVote(server.url, 'crowd', { options: ['a'], voter: newVoter() }, { 'x-forwarded-for': client })).status, 201);
        }
        const output = server.output();
        assert.match(output, expected);
        assert.equal(output.match(/X-Forwarded-For/g)?.length, 1, output);
        assert.ok(!output.includes('198.51.100.'), 'no client address in the log');
      });
    });
  }

  it('says nothing of a proxy it believes, even one that forwards its own address (curl on the proxy machine)', async () => {
    await withServer({ EGOV_TRUST_PROXY: '127.0.0.1' }, async (server) => {
      for (const forwarded of ['127.0.0.1', '198.51.100.7']) {
        assert.equal((await postVote(server.url, 'crowd', { options: ['a'], voter: newVoter() }, { 'x-forwarded-for': forwarded })).status, 201);
      }
      assert.doesNotMatch(server.output(), /X-Forwarded-For/);
    });
  });

  for (const [setting, how] of [
    ['127.0.0.1', 'the proxy named by its address'],
    ['loopback', 'the proxy named by its range'],
  ]) {
    it(`with ${how}, reads the client from the entry the proxy added, not from what the client wrote`, async () => {
      await withServer({ EGOV_TRUST_PROXY: setting, EGOV_RATE_LIMIT: '1' }, async (server) => {
        // The client forges the first entries; the proxy (127.0.0.1) appends the address it saw.
        const vote = (forwardedFor: string) =>
          postVote(server.url, 'crowd', { options: ['a'], voter: newVoter() }, { 'x-forwarded-for': forwardedFor });
        assert.equal((await vote('198.51.100.1, 203.0.113.9')).status, 201);
        assert.equal((await vote('198.51.100.2, 203.0.113.9')).status, 429);
        // Another reader behind the same proxy has an allowance of its own.
        assert.equal((await vote('198.51.100.3, 203.0.113.10')).status, 201);
      });
    });
  }
});

describe('slow clients', { concurrency: 2, ...sqliteOnly('timeouts of the HTTP server, not storage') }, () => {
  it('cuts off a client that sends half a vote, and a connection that sends nothing, with 408', async () => {
    await withServer({}, async (server) => {
      const body = JSON.stringify({ options: ['a'], voter: newVoter() });
      const halfVote =
        `POST /api/polls/single/votes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`;
      // 10 s is the documented limit; 20 s leaves room for a loaded machine.
      const [half, silent] = await Promise.all([exchange(server.url, halfVote, 20_000), exchange(server.url, '', 20_000)]);
      for (const cut of [half, silent]) {
        assert.equal(cut.status, 408, cut.headers);
        assert.ok(cut.closedAfterMs >= 9_000, `closed after ${cut.closedAfterMs} ms`);
        assert.equal((JSON.parse(cut.body) as ErrorBody).error, 'timeout');
        assert.match(cut.headers, /x-content-type-options: nosniff/);
      }
    });
  });

  it('does not let a half-sent request hold a stopping server past the request limit', async () => {
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
    const half = exchange(server.url, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Node stops checking request timeouts once the server closes: the connection used to hold the
    // stop for the 120 s idle limit (and exchange() gives up at 60 s). It gets the 10 s request limit.
    const [cut] = await Promise.all([half, server.stop()]);
    assert.ok(cut.closedAfterMs >= 9_000, `closed after ${cut.closedAfterMs} ms: a request in flight gets the request limit`);
  });

  it('refuses what arrives while it stops in the API\'s words (503 unavailable, CORS header), counting nothing, and closes the connection', async () => {
    const origin = 'https://portal.example';
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_ALLOWED_ORIGINS: origin } });
    const vote = (voter: string) => {
      const body = JSON.stringify({ options: ['a'], voter });
      return `Origin: ${origin}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    };
    const [first, second] = [newVoter(), newVoter()];
    // A vote's first line before the stop; the rest once the server takes no new connection, with
    // a second vote pipelined behind it.
    const { stopping, stopped } = stopSoon(server);
    const line = 'POST /api/polls/single/votes HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const answer = await exchange(server.url, line, 20_000, { when: stopping, bytes: `${vote(first)}${line}${vote(second)}` });
    // Fastify's own 503 had no CORS header (a portal's widget saw a network failure) and not the
    // API's words; serving these instead counted the second vote, whose answer never left.
    assert.equal(answer.status, 503, `${answer.headers}\n${answer.body}`);
    assert.equal((JSON.parse(answer.body) as ErrorBody).error, 'unavailable');
    assert.match(answer.headers, /access-control-allow-origin: https:\/\/portal\.example/);
    assert.match(answer.headers, /x-content-type-options: nosniff/);
    assert.match(answer.headers, /\r\nconnection: close/);
    assert.ok(answer.closedAfterMs < 9_000, `closed after ${answer.closedAfterMs} ms`);
    assert.equal(await stopped, 0);

    const again = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS }, dbPath: server.dbPath });
    try {
      for (const voter of [first, second]) {
        assert.equal((await postVote(again.url, 'single', { options: ['b'], voter })).status, 201, 'a refused vote was counted');
      }
    } finally {
      await again.stop();
    }
  });

  it('answers a request in progress when it stops, and closes that connection', async () => {
    const origin = 'https://portal.example';
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_ALLOWED_ORIGINS: origin } });
    const body = JSON.stringify({ options: ['a'], voter: newVoter() });
    // The headers before the stop (the request is in progress), the body after it.
    const { stopping, stopped } = stopSoon(server);
    const head = `POST /api/polls/single/votes HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${origin}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await exchange(server.url, head, 20_000, { when: stopping, bytes: body });
    assert.equal(answer.status, 201, `${answer.headers}\n${answer.body}`);
    assert.match(answer.headers, /access-control-allow-origin: https:\/\/portal\.example/);
    // Kept alive, the browser's next request would go to a connection about to close.
    assert.match(answer.headers, /\r\nconnection: close/);
    assert.equal(await stopped, 0);
  });
});

describe('OPTIONS', sqliteOnly('answered before any storage'), () => {
  it('is answered without reading or parsing a body', async () => {
    await withServer({}, async (server) => {
      for (const body of ['{"not json', 'x'.repeat(100_000)]) {
        const response = await rawRequest(server.url, {
          method: 'OPTIONS',
          path: '/api/polls/single/votes',
          // Node sends no framing for an OPTIONS body of its own accord.
          headers: { origin: 'https://evil.example', 'content-type': 'application/json', 'content-length': String(body.length) },
          body,
        });
        assert.equal(response.status, 204, response.text);
        assert.equal(response.text, '');
      }
    });
  });
});

describe('malformed HTTP', sqliteOnly('refused by the HTTP parser, before any storage'), () => {
  it('answers 431 too_large for oversized headers and 400 bad_request for bytes that are not HTTP, as JSON with nosniff', async () => {
    await withServer({}, async (server) => {
      const oversized = await exchange(
        server.url,
        `GET /api/polls/single HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
        10_000,
      );
      const garbage = await exchange(server.url, 'NOT HTTP AT ALL\r\n\r\n', 10_000);
      for (const [answer, status, error] of [
        [oversized, 431, 'too_large'],
        [garbage, 400, 'bad_request'],
      ] as const) {
        assert.equal(answer.status, status, answer.headers);
        assert.match(answer.headers, /content-type: application\/json; charset=utf-8/);
        assert.match(answer.headers, /x-content-type-options: nosniff/);
        const parsed = JSON.parse(answer.body) as ErrorBody;
        assert.deepEqual(Object.keys(parsed), ['error', 'message']);
        assert.equal(parsed.error, error);
      }
    });
  });
});
