/**
 * The HTTP contract of the reference server, status by status, against one real server
 * process on a temporary database (a SQLite file, or PostgreSQL in `npm test -- server-pg`).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.js';
import { type ReferenceServer, startReferenceServer, storageEnv, temporaryDatabase } from '../support/reference-server.mjs';
import {
  type ErrorBody,
  FIXTURE_POLLS,
  getPoll,
  newVoter,
  type PollBody,
  postVote,
  rawRequest,
  waitUntil,
} from './support.js';

const ALLOWED_ORIGIN = 'https://portal.example.gov.vn';

let server: ReferenceServer;
let site: string;

before(async () => {
  site = makeSite();
  server = await startReferenceServer({
    env: {
      EGOV_POLLS: FIXTURE_POLLS,
      EGOV_ARTICLES: path.join(site, 'articles'),
      EGOV_DEMO_DIR: path.join(site, 'demo'),
      EGOV_DIST_DIR: path.join(site, 'dist'),
      // The trailing slash checks that entries are normalised to origins.
      EGOV_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:3000/`,
    },
  });
});

after(async () => {
  await server.stop();
  rmSync(site, { recursive: true, force: true });
});

/** A demo folder, a dist folder and articles, written fresh so no broken file lives in the repo. */
function makeSite(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'egov-site-'));
  for (const folder of ['demo', 'dist', 'articles']) mkdirSync(path.join(root, folder));
  writeFileSync(path.join(root, 'demo', 'index.html'), '<!doctype html><html lang="vi"><title>Cổng thông tin</title><p>Trang chủ</p></html>');
  writeFileSync(path.join(root, 'demo', 'playground.html'), '<!doctype html><html lang="vi"><title>Sân chơi</title></html>');
  writeFileSync(path.join(root, 'demo', '.hidden'), 'not for the web');
  writeFileSync(path.join(root, 'dist', 'egov-widgets.js'), 'console.log("egov-widgets");\n');
  writeFileSync(
    path.join(root, 'articles', 'bai-mau.json'),
    JSON.stringify({ heading: 'Bài mẫu', published: '2018-05-11', author: 'Quang Sơn', body: '<p>Nội dung</p>' }),
  );
  writeFileSync(path.join(root, 'articles', 'hong.json'), '{ "heading": "cut short", ');
  writeFileSync(path.join(root, 'secret.json'), '{"secret": true}');
  return root;
}

async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  assert.equal(response.status, status, `status of ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json; charset=utf-8/);
  const body = JSON.parse(text) as ErrorBody;
  assert.equal(body.error, code, text);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0);
  return body;
}

function assertPollShape(poll: PollBody): void {
  assert.deepEqual(Object.keys(poll).sort(), ['closed', 'closesAt', 'id', 'multiple', 'options', 'question', 'totalVotes']);
  for (const option of poll.options) assert.deepEqual(Object.keys(option).sort(), ['id', 'label', 'votes']);
}

describe('GET /api/polls/:id', () => {
  it('answers 200 with the poll, its options in file order and zero counts', async () => {
    const response = await fetch(`${server.url}/api/polls/single`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const poll = (await response.json()) as PollBody;
    assertPollShape(poll);
    assert.deepEqual(poll, {
      id: 'single',
      question: 'Bạn chọn phương án nào?',
      multiple: false,
      closesAt: '2999-12-31T23:59:59.000Z',
      closed: false,
      totalVotes: 0,
      options: [
        { id: 'a', label: 'Phương án A', votes: 0 },
        { id: 'b', label: 'Phương án B', votes: 0 },
        { id: 'c', label: 'Phương án C', votes: 0 },
        { id: 'd', label: 'Phương án D', votes: 0 },
      ],
    });
  });

  it('says a poll is closed once its closing time has passed, with the seeded ballots counted', async () => {
    const poll = await getPoll(server.url, 'closed-by-date');
    assert.equal(poll.closed, true);
    assert.equal(poll.closesAt, '2018-01-31T16:59:59.000Z');
    assert.equal(poll.totalVotes, 5);
    assert.deepEqual(
      poll.options.map((option) => option.votes),
      [3, 2],
    );
  });

  it('says a poll closed by hand is closed even without a closing time', async () => {
    const poll = await getPoll(server.url, 'closed-by-hand');
    assert.equal(poll.closed, true);
    assert.equal(poll.closesAt, null);
  });

  it('answers 404 not_found for an unknown poll, including ids no poll could have', async () => {
    await expectError(await fetch(`${server.url}/api/polls/khong-co`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/polls/${'x'.repeat(500)}`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/polls/single'%20OR%20'1'='1`), 404, 'not_found');
  });

  it('is never cached and carries no cookie', async () => {
    const response = await fetch(`${server.url}/api/polls/single`);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('set-cookie'), null);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('POST /api/polls/:id/votes', () => {
  it('answers 201 with the results now counting the vote', async () => {
    const response = await postVote(server.url, 'single', { options: ['b'], voter: newVoter() });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const poll = (await response.json()) as PollBody;
    assertPollShape(poll);
    assert.equal(poll.id, 'single');
    assert.equal(poll.totalVotes, 1);
    assert.deepEqual(
      poll.options.map((option) => [option.id, option.votes]),
      [
        ['a', 0],
        ['b', 1],
        ['c', 0],
        ['d', 0],
      ],
    );
    assert.deepEqual(await getPoll(server.url, 'single'), poll);
  });

  it('counts one ballot with several options in a multiple-choice poll', async () => {
    const before = await getPoll(server.url, 'multi');
    const response = await postVote(server.url, 'multi', { options: ['x', 'z'], voter: newVoter() });
    assert.equal(response.status, 201);
    const poll = (await response.json()) as PollBody;
    assert.equal(poll.totalVotes, before.totalVotes + 1);
    assert.deepEqual(
      poll.options.map((option) => option.votes),
      [before.options[0]!.votes + 1, before.options[1]!.votes, before.options[2]!.votes + 1],
    );
  });

  it('answers 409 already_voted with the current results to a voter who voted, and does not count again', async () => {
    const voter = newVoter();
    assert.equal((await postVote(server.url, 'single', { options: ['a'], voter })).status, 201);
    const counted = await getPoll(server.url, 'single');
    const body = await expectError(await postVote(server.url, 'single', { options: ['c'], voter }), 409, 'already_voted');
    assert.ok(body.poll, '409 carries the results');
    assertPollShape(body.poll);
    assert.deepEqual(body.poll, counted);
    assert.deepEqual(await getPoll(server.url, 'single'), counted);
  });

  it('lets the same voter vote once in each poll', async () => {
    const voter = newVoter();
    assert.equal((await postVote(server.url, 'single', { options: ['a'], voter })).status, 201);
    assert.equal((await postVote(server.url, 'multi', { options: ['y'], voter })).status, 201);
  });

  it('answers 410 closed with the results for a poll past its closing time or closed by hand', async () => {
    for (const pollId of ['closed-by-date', 'closed-by-hand']) {
      const before = await getPoll(server.url, pollId);
      const body = await expectError(await postVote(server.url, pollId, { options: ['a'], voter: newVoter() }), 410, 'closed');
      assert.deepEqual(body.poll, before);
      assert.deepEqual(await getPoll(server.url, pollId), before);
    }
  });

  it('answers 404 not_found for an unknown poll', async () => {
    await expectError(await postVote(server.url, 'khong-co', { options: ['a'], voter: newVoter() }), 404, 'not_found');
  });

  it('answers 400 with a code naming each kind of bad ballot, counting nothing', async () => {
    const before = await getPoll(server.url, 'single');
    const voter = newVoter();
    const cases: [unknown, string][] = [
      [{ options: ['khong-co'], voter }, 'unknown_option'],
      [{ options: ['A'], voter }, 'unknown_option'],
      [{ options: ['x'], voter }, 'unknown_option'], // an option of another poll
      [{ options: [], voter }, 'no_option'],
      [{ voter }, 'no_option'],
      [{ options: ['a', 'b'], voter }, 'too_many_options'],
      [{ options: ['a', 'a'], voter }, 'duplicate_option'],
      [{ options: ['a'] }, 'bad_voter'],
      [{ options: ['a'], voter: 'not-a-uuid' }, 'bad_voter'],
      [{ options: ['a'], voter: voter.toUpperCase() }, 'bad_voter'],
      [{ options: ['a'], voter: '6f1c2b1e-8d5c-1c3e-9f1a-2b3c4d5e6f70' }, 'bad_voter'], // version 1
      [{ options: ['a'], voter: '6f1c2b1e-8d5c-4c3e-7f1a-2b3c4d5e6f70' }, 'bad_voter'], // wrong variant
      [{ options: ['a'], voter: ` ${voter}` }, 'bad_voter'],
      [{ options: ['a'], voter: 42 }, 'bad_voter'],
      [{ options: 'a', voter }, 'bad_request'],
      [{ options: ['a'], voter, extra: true }, 'bad_request'],
      [[], 'bad_request'],
      ['"a"', 'bad_request'],
      ['null', 'bad_request'],
      ['{"options":["a"],"voter":', 'bad_request'],
      ['', 'bad_request'],
    ];
    for (const [body, code] of cases) {
      await expectError(await postVote(server.url, 'single', body), 400, code);
    }
    // Every refused ballot used the same voter, who can still vote.
    assert.equal((await postVote(server.url, 'single', { options: ['d'], voter })).status, 201);
    assert.equal((await getPoll(server.url, 'single')).totalVotes, before.totalVotes + 1);
  });

  it('answers 415 unsupported_media_type to anything but JSON', async () => {
    const voter = newVoter();
    const body = JSON.stringify({ options: ['a'], voter });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const response = await fetch(`${server.url}/api/polls/single/votes`, { method: 'POST', headers: { 'content-type': type }, body });
      await expectError(response, 415, 'unsupported_media_type');
    }
    const untyped = await rawRequest(server.url, { method: 'POST', path: '/api/polls/single/votes', body });
    assert.equal(untyped.status, 415);
    assert.equal((JSON.parse(untyped.text) as ErrorBody).error, 'unsupported_media_type');
    // The voter was never counted.
    assert.equal((await postVote(server.url, 'single', { options: ['a'], voter })).status, 201);
  });

  it('answers 413 too_large to a body over 4 KB, announced or streamed', async () => {
    const voter = newVoter();
    const big = JSON.stringify({ options: ['a'], voter, padding: 'x'.repeat(5000) });
    await expectError(await postVote(server.url, 'single', big), 413, 'too_large');
    const streamed = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/polls/single/votes',
      headers: { 'content-type': 'application/json' },
      body: big,
      chunked: true,
    });
    assert.equal(streamed.status, 413);
    assert.equal((JSON.parse(streamed.text) as ErrorBody).error, 'too_large');
  });

  it('accepts a body of exactly 4096 bytes as far as size goes', async () => {
    const voter = newVoter();
    const base = JSON.stringify({ options: ['a'], voter });
    // Insignificant whitespace pads the body without changing the ballot.
    const padded = `${base.slice(0, -1)}${' '.repeat(4096 - base.length)}}`;
    assert.equal(Buffer.byteLength(padded), 4096);
    assert.equal((await postVote(server.url, 'single', padded)).status, 201);
  });
});

describe('CORS', () => {
  it('lets an allowed origin read the API, without credentials', async () => {
    const response = await fetch(`${server.url}/api/polls/single`, { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.equal(response.headers.get('set-cookie'), null);
  });

  it('matches an allow-list entry written with a trailing slash', async () => {
    const response = await fetch(`${server.url}/api/polls/single`, { headers: { origin: 'http://localhost:3000' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:3000');
  });

  it('gives other origins no CORS header', async () => {
    for (const origin of ['https://evil.example', 'https://portal.example.gov.vn.evil.example', 'null', 'http://portal.example.gov.vn']) {
      const response = await fetch(`${server.url}/api/polls/single`, { headers: { origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('answers the preflight of an allowed origin with the methods, header and max age', async () => {
    const response = await fetch(`${server.url}/api/polls/single/votes`, {
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
    const response = await fetch(`${server.url}/api/polls/single/votes`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 204);
    for (const header of ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers']) {
      assert.equal(response.headers.get(header), null, header);
    }
  });

  it('reports each refused origin once on stderr, naming EGOV_ALLOWED_ORIGINS, but not the page\'s own origin', async () => {
    const refused = 'https://tinh.example.gov.vn';
    const marker = 'https://huyen.example.gov.vn';
    await fetch(`${server.url}/api/polls/single`, { headers: { origin: server.url } });
    await fetch(`${server.url}/api/polls/single`, { headers: { origin: refused } });
    await fetch(`${server.url}/api/polls/single`, { headers: { origin: refused } });
    await fetch(`${server.url}/api/polls/single`, { headers: { origin: marker } });
    // stderr keeps its order: once the marker is there, so is anything said about the others.
    await waitUntil(() => server.output().includes(marker), 'the marker origin is reported');
    const reports = server.output().split('\n').filter((line) => line.includes(refused));
    assert.equal(reports.length, 1, server.output());
    assert.match(reports[0]!, /^egov-widgets: .*EGOV_ALLOWED_ORIGINS/);
    assert.ok(!server.output().includes(`"${server.url}"`), 'the same origin is not a refusal');
  });

  it('lets an allowed origin read errors and Retry-After too', async () => {
    const voter = newVoter();
    await postVote(server.url, 'single', { options: ['a'], voter });
    const response = await postVote(server.url, 'single', { options: ['a'], voter }, { origin: ALLOWED_ORIGIN });
    assert.equal(response.status, 409);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
  });
});

describe('GET /api/articles/:id', () => {
  it('answers 200 with the article JSON', async () => {
    const response = await fetch(`${server.url}/api/articles/bai-mau`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const article = (await response.json()) as { heading: string; author: string };
    assert.equal(article.heading, 'Bài mẫu');
    assert.equal(article.author, 'Quang Sơn');
  });

  it('answers 404 not_found for a missing article and for ids outside [a-z0-9-]', async () => {
    for (const id of ['khong-co', 'BAI-MAU', 'bai-mau.json', 'bai_mau', '%2e%2e%2fsecret', '..%2Fsecret', 'bai-mau%00', 'x'.repeat(101)]) {
      await expectError(await fetch(`${server.url}/api/articles/${id}`), 404, 'not_found');
    }
  });

  it('never serves a file outside the articles folder', async () => {
    for (const attempt of [
      '/api/articles/../secret',
      '/api/articles/../../package',
      '/api/articles/..%2f..%2fpackage',
      '/api/articles/%2e%2e/secret',
      '/api/articles/....//secret',
      '/api/articles/..\\secret',
    ]) {
      const response = await rawRequest(server.url, { path: attempt });
      assert.ok([400, 403, 404].includes(response.status), `${attempt}: ${response.status}`);
      assert.match((JSON.parse(response.text) as ErrorBody).error, /^(bad_request|forbidden|not_found)$/);
    }
  });

  it('answers 500 internal, without details, for an article file that is not JSON', async () => {
    const body = await expectError(await fetch(`${server.url}/api/articles/hong`), 500, 'internal');
    assert.doesNotMatch(body.message, /cut short|SyntaxError|\//);
  });
});

describe('static files', () => {
  it('serves the demo page at / with the strict Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/`);
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
    const response = await fetch(`${server.url}/playground.html`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('serves the bundle under /dist/', async () => {
    const response = await fetch(`${server.url}/dist/egov-widgets.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    // Other portals' pages load it, with integrity and crossorigin="anonymous" (a CORS request).
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(await response.text(), /egov-widgets/);
  });

  it('does not serve dotfiles or anything outside the served folders', async () => {
    assert.equal((await fetch(`${server.url}/.hidden`)).status, 404);
    for (const attempt of ['/../secret.json', '/dist/../secret.json', '/%2e%2e/secret.json', '/dist/%2e%2e/%2e%2e/package.json']) {
      const response = await rawRequest(server.url, { path: attempt });
      assert.ok([400, 403, 404].includes(response.status), `${attempt}: ${response.status}`);
      assert.match((JSON.parse(response.text) as ErrorBody).error, /^(bad_request|forbidden|not_found)$/);
    }
  });

  it('answers unknown addresses with a JSON 404', async () => {
    await expectError(await fetch(`${server.url}/khong-co.html`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/khong-co`), 404, 'not_found');
  });
});

describe('GET /api/health', () => {
  it('answers 200 while the server runs', async () => {
    const response = await fetch(`${server.url}/api/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('answers 503 unavailable when storage does not answer', async () => {
    const app = await buildApp(readConfig({ ...(await storageEnv(temporaryDatabase())), EGOV_POLLS: FIXTURE_POLLS }));
    try {
      assert.equal((await app.inject('/api/health')).statusCode, 200);
      // As when the database goes away under a running server.
      await app.storage.close();
      const response = await app.inject('/api/health');
      assert.equal(response.statusCode, 503);
      assert.equal(response.json<ErrorBody>().error, 'unavailable');
      assert.equal(response.headers['cache-control'], 'no-store');
    } finally {
      await app.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  interface OpenApi {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[] } }> }; responses: Record<string, unknown> }>>;
  }

  it('describes the public poll API in OpenAPI 3.1', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const document = (await response.json()) as OpenApi;
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(Object.keys(document.paths).sort(), ['/api/health', '/api/polls/{id}', '/api/polls/{id}/votes']);
    assert.deepEqual(Object.keys(document.paths['/api/polls/{id}']!), ['get']);
    const vote = document.paths['/api/polls/{id}/votes']!.post!;
    assert.deepEqual(vote.requestBody!.content['application/json']!.schema.required, ['options', 'voter']);
    assert.deepEqual(Object.keys(vote.responses).sort(), ['201', '400', '404', '409', '410', '413', '415', '429', '500']);
  });
});
