/**
 * Who may use the editors' API (docs/api.md, "Editors' API"), in process through
 * `app.inject()` on a temporary database: every route without and with a session, the
 * same-origin rule, signing in and out, session lifetimes, the cookie's attributes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AdminPoll } from '../../server/storage/storage.js';
import { AdminClient, buildSignedInApp, buildTestApp, EDITOR, expectApiError, HOST, ORIGIN, signedInClient } from './admin-support.js';
import { captureStderr, queryDatabase } from './support.js';

let app: FastifyInstance;
let dbPath: string;
let editor: AdminClient;
before(async () => ({ app, dbPath, editor } = await buildSignedInApp()));
after(() => app.close());

/** Every route of the editors' API with a body that would be valid. */
const ROUTES: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown][] = [
  ['GET', '/api/admin/session'],
  ['DELETE', '/api/admin/session'],
  ['GET', '/api/admin/polls'],
  ['POST', '/api/admin/polls', { question: 'Có nên không?', multiple: false, closesAt: null, options: [{ label: 'Có' }, { label: 'Không' }] }],
  ['PATCH', '/api/admin/polls/single', { question: 'Đổi câu hỏi?' }],
  ['GET', '/api/admin/polls/single/results.csv'],
  ['GET', '/api/admin/audit'],
];

describe('without a session', () => {
  it('every admin route answers 401 and changes nothing', async () => {
    const stranger = new AdminClient(app);
    for (const [method, url, body] of ROUTES) {
      expectApiError(await stranger.request(method, url, body), 401, 'unauthorized');
    }
    const polls = (await editor.request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
    assert.equal(polls.polls.find((poll) => poll.id === 'single')?.question, 'Bạn chọn phương án nào?');
    assert.ok(!polls.polls.some((poll) => poll.id === 'co-nen-khong'));
  });

  it('a made-up or malformed session cookie is no session', async () => {
    const forger = new AdminClient(app);
    for (const cookie of ['egov_admin_session=' + 'A'.repeat(43), 'egov_admin_session=../../etc', 'egov_admin_session=']) {
      forger.cookie = cookie;
      expectApiError(await forger.request('GET', '/api/admin/polls'), 401, 'unauthorized');
    }
  });
});

describe('with a session', () => {
  it('every admin route answers', async () => {
    const client = await signedInClient(app);
    const expected = [200, 204, 200, 201, 200, 200, 200];
    // Sign-out last, so that the others still have the session.
    const order = [0, 2, 3, 4, 5, 6, 1];
    for (const index of order) {
      const [method, url, body] = ROUTES[index]!;
      const response = await client.request(method, url, body);
      assert.equal(response.statusCode, expected[index], `${method} ${url}: ${response.body}`);
    }
    assert.deepEqual((await editor.request('GET', '/api/admin/session')).json(), { username: EDITOR.username });
  });
});

describe('the same-origin rule', () => {
  const foreign = ['https://evil.example', `${ORIGIN}.evil.example`, 'null', `https://${HOST}`, 'http://localhost:8001'];

  it('refuses every state-changing request from another origin with 403, signed in or not, and says each origin once on stderr', async () => {
    const before = (await editor.request('GET', '/api/admin/polls')).body;
    const said = await captureStderr(async () => {
      for (const [method, url, body] of ROUTES.filter(([method]) => method !== 'GET')) {
        for (const origin of foreign) {
          expectApiError(await editor.request(method, url, body, { origin }), 403, 'forbidden');
        }
      }
      for (const origin of foreign) {
        const response = await new AdminClient(app).request('POST', '/api/admin/session', EDITOR, { origin });
        expectApiError(response, 403, 'forbidden');
        assert.equal(response.headers['set-cookie'], undefined);
      }
    });
    // Most often a reverse proxy that does not pass the browser's Host or scheme on: the sysadmin is told what to fix.
    assert.deepEqual(
      said,
      foreign.map(
        (origin) =>
          `egov-widgets: refused an editors' API request from ${JSON.stringify(origin)}: this server sees itself as "${ORIGIN}". ` +
          "If that is the address of the editors' page, the reverse proxy must pass the Host header on, and X-Forwarded-Proto " +
          'with its address in EGOV_TRUST_PROXY (reported once per origin).',
      ),
    );
    // Nothing happened: the session is still open and the polls unchanged.
    assert.equal((await editor.request('GET', '/api/admin/session')).statusCode, 200);
    assert.equal((await editor.request('GET', '/api/admin/polls')).body, before);
  });

  it('judges a client without Origin (curl, a script: no browser) by its session alone', async () => {
    const stateChanging = ROUTES.filter(([method]) => method !== 'GET');
    for (const [method, url, body] of stateChanging) {
      expectApiError(await new AdminClient(app).request(method, url, body, { origin: undefined }), 401, 'unauthorized');
    }
    const script = new AdminClient(app);
    expectApiError(await script.request('POST', '/api/admin/session', { ...EDITOR, password: 'sai-mat-khau' }, { origin: undefined }), 401, 'bad_credentials');
    const signedIn = await script.request('POST', '/api/admin/session', EDITOR, { origin: undefined });
    assert.equal(signedIn.statusCode, 204, signedIn.body);
    script.cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    const closed = await script.request('PATCH', '/api/admin/polls/single', { closed: true }, { origin: undefined });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal((await script.request('PATCH', '/api/admin/polls/single', { closed: false }, { origin: undefined })).statusCode, 200);
  });

  it('gives no CORS to the editors\' API, even for an origin allowed to embed the widgets', async () => {
    const portal = 'https://portal.example.gov.vn';
    const embedding = await buildTestApp({ EGOV_ALLOWED_ORIGINS: portal });
    try {
      const client = await signedInClient(embedding.app);
      const read = await client.request('GET', '/api/admin/polls', undefined, { origin: portal });
      assert.equal(read.headers['access-control-allow-origin'], undefined);
      expectApiError(await client.request('PATCH', '/api/admin/polls/single', { closed: true }, { origin: portal }), 403, 'forbidden');
      // The public API still answers that portal.
      const poll = await embedding.app.inject({ url: '/api/polls/single', headers: { host: HOST, origin: portal } });
      assert.equal(poll.headers['access-control-allow-origin'], portal);
    } finally {
      await embedding.app.close();
    }
  });

  it('lets reads through without Origin', async () => {
    assert.equal((await editor.request('GET', '/api/admin/polls', undefined, { origin: undefined })).statusCode, 200);
  });
});

describe('sign-in and sign-out', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for the admin API, not Secure over plain HTTP', async () => {
    const client = new AdminClient(app);
    const response = await client.signIn();
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^egov_admin_session=[A-Za-z0-9_-]{43}; /);
    assert.match(cookie, /; HttpOnly(;|$)/);
    assert.match(cookie, /; SameSite=Strict(;|$)/);
    assert.match(cookie, /; Path=\/api\/admin(;|$)/);
    assert.doesNotMatch(cookie, /Secure/);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const client = new AdminClient(app, '10.9.0.1');
    const wrongPassword = expectApiError(await client.signIn(EDITOR.username, 'Sai-mat-khau-1'), 401, 'bad_credentials');
    const unknownUser = expectApiError(await client.signIn('khong-co-ai', EDITOR.password), 401, 'bad_credentials');
    assert.deepEqual(wrongPassword, unknownUser);
    assert.equal(client.cookie, undefined);
  });

  it('refuses malformed sign-in bodies', async () => {
    const client = new AdminClient(app, '10.9.0.2');
    expectApiError(await client.request('POST', '/api/admin/session', { username: 'bientap' }), 400, 'bad_request');
    expectApiError(await client.request('POST', '/api/admin/session', { ...EDITOR, remember: true }), 400, 'bad_request');
    expectApiError(await client.request('POST', '/api/admin/session', { username: 1, password: 2 }), 400, 'bad_request');
    expectApiError(
      await client.request('POST', '/api/admin/session', 'username=bientap', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
  });

  it('stores only a hash of the session token', async () => {
    const client = await signedInClient(app);
    const token = client.cookie!.split('=')[1]!;
    const stored = (await queryDatabase<{ token_hash: string }>(dbPath, 'SELECT token_hash FROM sessions')).map((row) => row.token_hash);
    assert.ok(stored.length > 0);
    assert.ok(stored.every((hash) => /^[0-9a-f]{64}$/.test(hash) && !hash.includes(token)));
  });

  it('signing out deletes the session on the server: the old cookie no longer works', async () => {
    const client = await signedInClient(app);
    const cookie = client.cookie;
    const response = await client.request('DELETE', '/api/admin/session');
    assert.equal(response.statusCode, 204);
    assert.match(String(response.headers['set-cookie']), /^egov_admin_session=; Path=\/api\/admin; Max-Age=0/);
    const replay = new AdminClient(app);
    replay.cookie = cookie;
    expectApiError(await replay.request('GET', '/api/admin/session'), 401, 'unauthorized');
  });

  it('a session ends after 8 hours without a request, or 24 hours after sign-in', async () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const cases: [created: string, lastSeen: string, alive: boolean][] = [
      [hoursAgo(7.9), hoursAgo(7.9), true],
      [hoursAgo(8.1), hoursAgo(8.1), false],
      [hoursAgo(23.9), hoursAgo(1), true],
      [hoursAgo(24.1), hoursAgo(1), false],
    ];
    for (const [created, lastSeen, alive] of cases) {
      const client = await signedInClient(app);
      const tokenHash = createHash('sha256').update(client.cookie!.split('=')[1]!).digest('hex');
      await queryDatabase(dbPath, 'UPDATE sessions SET created_at = $1, last_seen_at = $2 WHERE token_hash = $3', [created, lastSeen, tokenHash]);
      const response = await client.request('GET', '/api/admin/session');
      assert.equal(response.statusCode, alive ? 200 : 401, `${created} / ${lastSeen}`);
    }
  });

  it('marks the cookie Secure over HTTPS through a trusted proxy', async () => {
    const proxied = await buildTestApp({ EGOV_TRUST_PROXY: '127.0.0.1' });
    try {
      const client = new AdminClient(proxied.app);
      const response = await client.request('POST', '/api/admin/session', EDITOR, {
        'x-forwarded-proto': 'https',
        origin: `https://${HOST}`,
      });
      assert.equal(response.statusCode, 204, response.body);
      assert.match(String(response.headers['set-cookie']), /; Secure(;|$)/);
      // Behind that proxy the page's origin is https://…: the http:// one is another origin.
      const plain = await client.request('POST', '/api/admin/session', EDITOR, { 'x-forwarded-proto': 'https' });
      expectApiError(plain, 403, 'forbidden');
    } finally {
      await proxied.app.close();
    }
  });
});
