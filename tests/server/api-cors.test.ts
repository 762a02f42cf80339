/**
 * CORS of the public API: which origins may read it, preflights, exposed headers — through
 * the app in process. The stderr report of refused origins: api-raw-http.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ALLOWED_ORIGIN, siteEnv } from './api-support.js';
import { buildServerApp, newVoter, postVote, request } from './support.js';

let app: FastifyInstance;
before(async () => (app = await buildServerApp(siteEnv())));
after(() => app.close());

describe('CORS', () => {
  it('lets an allowed origin read the API, without credentials', async () => {
    const response = await request(app, `/api/polls/single`, { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.equal(response.headers.get('set-cookie'), null);
  });

  it('matches an allow-list entry written with a trailing slash', async () => {
    const response = await request(app, `/api/polls/single`, { headers: { origin: 'http://localhost:3000' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:3000');
  });

  it('gives other origins no CORS header', async () => {
    for (const origin of ['https://evil.example', 'https://portal.example.gov.vn.evil.example', 'null', 'http://portal.example.gov.vn']) {
      const response = await request(app, `/api/polls/single`, { headers: { origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('answers the preflight of an allowed origin with the methods, header and max age', async () => {
    const response = await request(app, `/api/polls/single/votes`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST');
    assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  it('answers the preflight of another origin without any CORS permission', async () => {
    const response = await request(app, `/api/polls/single/votes`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 204);
    for (const header of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers']) {
      assert.equal(response.headers.get(header), null, header);
    }
  });

  it('lets an allowed origin read errors and Retry-After too', async () => {
    const voter = newVoter();
    await postVote(app, 'single', { options: ['a'], voter });
    const response = await postVote(app, 'single', { options: ['a'], voter }, { origin: ALLOWED_ORIGIN });
    assert.equal(response.status, 409);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
  });
});
