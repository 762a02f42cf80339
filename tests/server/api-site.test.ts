/**
 * Articles and static files: what is served, with which headers, and what is not — through
 * the app in process. Paths with `..` (which a URL parser would resolve before the server
 * saw them): api-raw-http.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.js';
import { expectError, siteEnv } from './api-support.js';
import { buildServerApp, request } from './support.js';

let app: FastifyInstance;
before(async () => (app = await buildServerApp(siteEnv())));
after(() => app.close());

describe('GET /api/articles/:id', () => {
  it('answers 200 with the article JSON', async () => {
    const response = await request(app, `/api/articles/bai-mau`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const article = (await response.json()) as { heading: string; author: string };
    assert.equal(article.heading, 'Bài mẫu');
    assert.equal(article.author, 'Quang Sơn');
  });

  it('answers 404 not_found for a missing article and for ids outside [a-z0-9-]', async () => {
    for (const id of ['khong-co', 'BAI-MAU', 'bai-mau.json', 'bai_mau', '%2e%2e%2fsecret', '..%2Fsecret', 'bai-mau%00', 'x'.repeat(101)]) {
      await expectError(await request(app, `/api/articles/${id}`), 404, 'not_found');
    }
  });

  it('answers 500 internal, without details, for an article file that is not JSON', async () => {
    const body = await expectError(await request(app, `/api/articles/hong`), 500, 'internal');
    assert.doesNotMatch(body.message, /cut short|SyntaxError|\//);
  });
});

describe('static files', () => {
  it('serves the demo page at / with the strict Content-Security-Policy', async () => {
    const response = await request(app, `/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(response.headers.get('x-powered-by'), null);
    // HSTS is the portal's front proxy's decision, for its whole domain.
    assert.equal(response.headers.get('strict-transport-security'), null);
    assert.match(await response.text(), /Trang chủ/);
  });

  it('sends the policy docs/api.md promises: no inline script or style, Trusted Types enforced', () => {
    const directives = new Set(CONTENT_SECURITY_POLICY.split('; '));
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
      // Duplicates allowed: two copies of the kit on a page each create their `lit-html` policy.
      "trusted-types lit-html dompurify egov-widgets 'allow-duplicates'",
    ]) {
      assert.ok(directives.has(directive), directive);
    }
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
  });

  it('serves the playground with the same policy', async () => {
    const response = await request(app, `/playground.html`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('serves the bundle under /dist/', async () => {
    const response = await request(app, `/dist/egov-widgets.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    // Other portals' pages load it, with integrity and crossorigin="anonymous" (a CORS request).
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(await response.text(), /egov-widgets/);
  });

  it('does not serve dotfiles', async () => {
    assert.equal((await request(app, `/.hidden`)).status, 404);
  });

  it('answers unknown addresses with a JSON 404', async () => {
    await expectError(await request(app, `/khong-co.html`), 404, 'not_found');
    await expectError(await request(app, `/api/khong-co`), 404, 'not_found');
  });
});
