import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { EgovFetchError, fetchJson, isAbort, MAX_RESPONSE_BYTES, ShapeError } from '../../src/shared/fetch-json.js';
import { startFaultyEndpoint } from '../support/faulty-endpoint.mjs';

// fetchJson in Node against real HTTP: the misbehaving endpoint of the component tests, and a
// small echo server for what it does not do (echo the request, any status and Retry-After).

let faults: { url: string; close(): Promise<void> };
let echo: { url: string; close(): void };

function startEcho(): Promise<{ url: string; close(): void }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (query.has('retryAfter')) headers['Retry-After'] = query.get('retryAfter')!;
      if (query.has('length')) headers['Content-Length'] = query.get('length')!;
      res.writeHead(Number(query.get('status') ?? 200), headers);
      if (query.has('split')) {
        // "Thái Nguyên" in two writes cut inside the two bytes of "á": the decoder must wait for the rest.
        const bytes = Buffer.from(JSON.stringify('Thái Nguyên'));
        res.write(bytes.subarray(0, 4));
        return void setTimeout(() => res.end(bytes.subarray(4)), 50);
      }
      if (query.has('length')) {
        // Headers that promise a body, then a little of it: what the size check sees first.
        res.write('[');
        return void setTimeout(() => res.destroy(), 100);
      }
      res.end(
        query.get('body') ??
          JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, accept: req.headers.accept, body: Buffer.concat(chunks).toString() }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

const anything = (data: unknown) => data;

/** The EgovFetchError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<EgovFetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EgovFetchError, `not an EgovFetchError: ${String(error)}`);
    return error;
  }
  throw new Error('it did not fail');
}

describe('fetchJson', () => {
  before(async () => {
    faults = await startFaultyEndpoint();
    echo = await startEcho();
  });
  after(async () => {
    await faults.close();
    echo.close();
  });

  it('GETs JSON without credentials and returns what the shape check returns', async () => {
    const answer = await fetchJson(`${echo.url}/`, (data) => ({ checked: data }));
    assert.deepEqual(answer, { checked: { method: 'GET', type: null, accept: 'application/json', body: '' } });
  });

  it('POSTs a body as JSON', async () => {
    const answer = await fetchJson(`${echo.url}/`, anything, { method: 'POST', body: { options: ['2-ngay'] } });
    assert.deepEqual(answer, { method: 'POST', type: 'application/json', accept: 'application/json', body: '{"options":["2-ngay"]}' });
  });

  it('ignores a timeout inherited from a polluted Object.prototype', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    polluted['timeoutMs'] = 1;
    try {
      const answer = (await fetchJson(`${faults.url}/faults/slow?delay=100`, anything, {})) as { ok: boolean };
      assert.deepEqual(answer, { ok: true });
    } finally {
      delete polluted['timeoutMs'];
    }
  });

  it('turns an HTTP error into `http` with the status and the JSON body', async () => {
    const error = await failure(fetchJson(`${faults.url}/faults/500`, anything));
    assert.deepEqual([error.code, error.status, error.retryAfter, error.body], ['http', 500, undefined, { error: 'fault', message: 'Injected 500' }]);
    assert.equal(error.message, `HTTP 500 from ${faults.url}/faults/500`);
  });

  it('reads Retry-After in seconds or as a date', async () => {
    assert.equal((await failure(fetchJson(`${faults.url}/faults/429`, anything))).retryAfter, 3);
    assert.equal((await failure(fetchJson(`${echo.url}/?status=429&retryAfter=0`, anything))).retryAfter, 0);
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const dated = (await failure(fetchJson(`${echo.url}/?status=429&retryAfter=${encodeURIComponent(inFiveSeconds)}`, anything))).retryAfter;
    assert.ok(dated !== undefined && dated >= 3 && dated <= 5, `Retry-After of a date 5 s ahead read as ${dated}`);
    const past = new Date(Date.now() - 60_000).toUTCString();
    assert.equal((await failure(fetchJson(`${echo.url}/?status=429&retryAfter=${encodeURIComponent(past)}`, anything))).retryAfter, 0);
    assert.equal((await failure(fetchJson(`${echo.url}/?status=429&retryAfter=soon`, anything))).retryAfter, undefined);
    assert.equal((await failure(fetchJson(`${echo.url}/?status=429&retryAfter=-1`, anything))).retryAfter, 0, 'never a negative wait');
  });

  it("reports an error answer whose body is not JSON (a server's HTML error page) as `http`, with its status", async () => {
    const error = await failure(fetchJson(`${echo.url}/?status=500&body=oops`, anything));
    assert.deepEqual([error.code, error.status, error.body], ['http', 500, undefined]);
    const notFound = `${echo.url}/?status=404&body=${encodeURIComponent('<!doctype html><h1>Not Found</h1>')}`;
    const page = await failure(fetchJson(notFound, anything));
    assert.deepEqual([page.code, page.status, page.message], ['http', 404, `HTTP 404 from ${notFound}`]);
    const limited = await failure(fetchJson(`${echo.url}/?status=429&retryAfter=7&body=slow%20down`, anything));
    assert.deepEqual([limited.code, limited.status, limited.retryAfter], ['http', 429, 7]);
  });

  it('turns HTML into `parse`, a cut body into `parse`, an empty 204 into `shape`', async () => {
    const html = await failure(fetchJson(`${faults.url}/faults/html`, anything));
    assert.deepEqual([html.code, html.message], ['parse', `Response from ${faults.url}/faults/html is not valid JSON`]);
    assert.equal((await failure(fetchJson(`${faults.url}/faults/truncated?ok=${encodeURIComponent('{"a":[1,2,3]}')}`, anything))).code, 'parse');
    const empty = await failure(
      fetchJson(`${faults.url}/faults/204`, (data) => {
        if (data === undefined) throw new ShapeError('nothing');
        return data;
      }),
    );
    assert.deepEqual([empty.code, empty.message], ['shape', `Response from ${faults.url}/faults/204 has an unexpected shape: nothing`]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    assert.equal(await fetchJson(`${echo.url}/?split=1`, anything), 'Thái Nguyên');
  });

  it('turns a failed shape check into `shape`, whatever the check threw', async () => {
    const error = await failure(
      fetchJson(`${faults.url}/faults/shape`, () => {
        throw 'not an Error';
      }),
    );
    assert.deepEqual([error.code, error.message], ['shape', `Response from ${faults.url}/faults/shape has an unexpected shape: not an Error`]);
  });

  it('refuses an answer over 2 MB, declared or streamed: `too-large`', async () => {
    assert.equal((await failure(fetchJson(`${faults.url}/faults/big`, anything))).code, 'too-large');
    const declared = await failure(fetchJson(`${echo.url}/?length=${MAX_RESPONSE_BYTES + 1}`, anything));
    assert.deepEqual([declared.code, declared.message], ['too-large', `Response from ${echo.url}/?length=${MAX_RESPONSE_BYTES + 1} is over 2097152 bytes`]);
  });

  it('turns a reset or refused connection into `network`', async () => {
    assert.equal((await failure(fetchJson(`${faults.url}/faults/reset`, anything))).code, 'network');
    const refused = await failure(fetchJson('http://127.0.0.1:9/nothing.json', anything));
    assert.equal(refused.code, 'network');
    assert.match(refused.message, /^Request to http:\/\/127\.0\.0\.1:9\/nothing\.json failed: /);
  });

  it('gives up on a silent server after the timeout: `timeout`', async () => {
    const started = performance.now();
    const error = await failure(fetchJson(`${faults.url}/faults/stall`, anything, { timeoutMs: 300 }));
    const elapsed = performance.now() - started;
    assert.deepEqual([error.code, error.message], ['timeout', `No answer from ${faults.url}/faults/stall within 0.3 s`]);
    assert.ok(elapsed >= 290 && elapsed < 3_000, `gave up after ${elapsed} ms`);
  });

  it('rethrows the caller\'s abort as it is, with no error code', async () => {
    const controller = new AbortController();
    const request = fetchJson(`${faults.url}/faults/stall`, anything, { signal: controller.signal });
    controller.abort();
    await assert.rejects(request, (error: unknown) => isAbort(error));
    assert.equal(isAbort(new Error('AbortError')), false);
    assert.equal(isAbort(new DOMException('x', 'TimeoutError')), false);
  });
});
