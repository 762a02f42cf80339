/**
 * What only a real server process on a real socket shows: bodies streamed in chunks, request
 * paths with `..` sent as written (fetch and app.inject() would resolve them first), and what
 * the server writes on stderr.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReferenceServer, startReferenceServer } from '../support/reference-server.mjs';
import { siteEnv } from './api-support.js';
import { buildServerApp, captureStderr, type ErrorBody, FIXTURE_POLLS, newVoter, rawRequest, waitUntil } from './support.js';

let server: ReferenceServer;

before(async () => {
  server = await startReferenceServer({ env: siteEnv() });
});

after(async () => {
  await server.stop();
});

describe('POST /api/polls/:id/votes', () => {
  it('answers 413 too_large to a body over 4 KB streamed in chunks', async () => {
    const big = JSON.stringify({ options: ['a'], voter: newVoter(), padding: 'x'.repeat(5000) });
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
});

describe('CORS', () => {
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

  it('names the allowed origin a refused one nearly is: another scheme, www or port', async () => {
    const own = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS, EGOV_ALLOWED_ORIGINS: 'http://ubnd.example.gov.vn,https://www.huyen.example.gov.vn' });
    const said = await captureStderr(async () => {
      try {
        for (const origin of ['https://ubnd.example.gov.vn', 'https://huyen.example.gov.vn', 'https://xa.example.gov.vn']) {
          await own.inject({ url: '/api/polls/single', headers: { origin } });
        }
      } finally {
        await own.close();
      }
    });
    assert.deepEqual(said, [
      'egov-widgets: refused the cross-origin API request of "https://ubnd.example.gov.vn"; EGOV_ALLOWED_ORIGINS has "http://ubnd.example.gov.vn", nearly it: ' +
        "the scheme (http or https), www and the port must be the same as the page's. If that site embeds the widgets, add it as it is (reported once per origin).",
      'egov-widgets: refused the cross-origin API request of "https://huyen.example.gov.vn"; EGOV_ALLOWED_ORIGINS has "https://www.huyen.example.gov.vn", nearly it: ' +
        "the scheme (http or https), www and the port must be the same as the page's. If that site embeds the widgets, add it as it is (reported once per origin).",
      'egov-widgets: refused the cross-origin API request of "https://xa.example.gov.vn"; if that site embeds the widgets, add it to EGOV_ALLOWED_ORIGINS (reported once per origin).',
    ]);
  });
});

describe('paths outside the served folders', () => {
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

  it('does not serve anything outside the served folders', async () => {
    for (const attempt of ['/../secret.json', '/dist/../secret.json', '/%2e%2e/secret.json', '/dist/%2e%2e/%2e%2e/package.json']) {
      const response = await rawRequest(server.url, { path: attempt });
      assert.ok([400, 403, 404].includes(response.status), `${attempt}: ${response.status}`);
      assert.match((JSON.parse(response.text) as ErrorBody).error, /^(bad_request|forbidden|not_found)$/);
    }
  });
});
