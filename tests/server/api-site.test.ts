/**
 * Around the polls: CORS of the public API (which origins may read it, preflights, exposed
 * headers), articles and static files (what is served, with which headers, and what is not) —
 * through the app in process, one app for the file (each test file is a process of its own).
 * In api-raw-http.test.ts: the stderr report of refused origins, and paths with `..` (which
 * a URL parser would resolve before the server saw them).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.js';
import { ALLOWED_ORIGIN, expectError, siteEnv } from './api-support.js';
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

  it('says at start that EGOV_ARTICLES names no folder (every article would be a 404 without a word)', async () => {
    assert.deepEqual(app.startupWarnings, []);
    const env = siteEnv();
    const missing = path.join(path.dirname(env.EGOV_ARTICLES!), 'khong-co');
    const without = await buildServerApp({ ...env, EGOV_ARTICLES: missing });
    after(() => without.close());
    assert.deepEqual(without.startupWarnings, [`there is no articles folder ${missing} (EGOV_ARTICLES): every /api/articles/… is a 404.`]);
  });

  it('says at start that EGOV_DEMO_DIR names no folder', async () => {
    const env = siteEnv();
    const missing = path.join(path.dirname(env.EGOV_DEMO_DIR!), 'khong-co');
    const without = await buildServerApp({ ...env, EGOV_DEMO_DIR: missing });
    after(() => without.close());
    assert.deepEqual(without.startupWarnings, [`there is no folder ${missing} (EGOV_DEMO_DIR): every page under / is a 404.`]);
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

  it('is the policy server/README.md shows, for sysadmins to copy to their own proxy', () => {
    const readme = readFileSync('server/README.md', 'utf8');
    const block = /HTML pages also carry[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'no policy block in server/README.md');
    assert.equal(block.replace(/;\s+/g, '; ').trim(), CONTENT_SECURITY_POLICY);
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

  it('sends the bundle compressed as the browser accepts (brotli, else gzip), the same script, as `npm run build` wrote it', async () => {
    // The real dist/ of the build (the other tests here use a stand-in).
    const built = await buildServerApp({ ...siteEnv(), EGOV_DIST_DIR: 'dist' });
    after(() => built.close());
    const raw = readFileSync('dist/egov-widgets.js');
    for (const [accepted, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const response = await request(built, `/dist/egov-widgets.js`, { headers: { 'accept-encoding': accepted } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-encoding'), encoding);
      assert.match(response.headers.get('vary') ?? '', /accept-encoding/i);
      assert.match(response.headers.get('content-type') ?? '', /javascript/);
      const sent = Buffer.from(await response.arrayBuffer());
      assert.ok(sent.length < raw.length / 2, `${sent.length} bytes sent for ${raw.length}`);
      assert.ok(decode(sent).equals(raw), 'another script than dist/egov-widgets.js');
    }
    const plain = await request(built, `/dist/egov-widgets.js`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.ok(Buffer.from(await plain.arrayBuffer()).equals(raw));
  });

  it('sends the scripts uncompressed, with a warning, when a compressed copy is not its script (a script replaced by hand)', async () => {
    const env = siteEnv();
    const dist = env.EGOV_DIST_DIR!;
    writeFileSync(path.join(dist, 'egov-widgets.js.br'), brotliCompressSync(Buffer.from('console.log("an older release");\n')));
    const stale = await buildServerApp(env);
    after(() => stale.close());
    const response = await request(stale, `/dist/egov-widgets.js`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.headers.get('content-encoding'), null);
    assert.equal(await response.text(), 'console.log("egov-widgets");\n');
    assert.equal(stale.startupWarnings.length, 1);
    assert.match(stale.startupWarnings[0]!, /egov-widgets\.js\.br is not its script compressed/);
    assert.deepEqual(app.startupWarnings, [], 'the copies of its dist/ are its scripts');
  });

  it('does not serve dotfiles', async () => {
    assert.equal((await request(app, `/.hidden`)).status, 404);
  });

  it('answers unknown addresses with a JSON 404', async () => {
    await expectError(await request(app, `/khong-co.html`), 404, 'not_found');
    await expectError(await request(app, `/api/khong-co`), 404, 'not_found');
  });
});
