/**
 * The poll API's contract, status by status (GET and POST of polls, health, OpenAPI), through
 * the app in process on a temporary database (a SQLite file, or PostgreSQL in
 * `npm test -- server-pg`). A body streamed in chunks: api-raw-http.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { assertPollShape, expectError, siteEnv } from './api-support.js';
import Database from 'better-sqlite3';
import { temporaryDatabase } from '../support/reference-server.mjs';
import { buildServerApp, captureStderr, type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, type PollBody, postVote, rawRequest, request, sqliteOnly } from './support.js';

let app: FastifyInstance;
before(async () => (app = await buildServerApp(siteEnv())));
after(() => app.close());

describe('GET /api/polls/:id', () => {
  it('answers 200 with the poll, its options in file order and zero counts', async () => {
    const response = await request(app, `/api/polls/single`);
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
    const poll = await getPoll(app, 'closed-by-date');
    assert.equal(poll.closed, true);
    assert.equal(poll.closesAt, '2018-01-31T16:59:59.000Z');
    assert.equal(poll.totalVotes, 5);
    assert.deepEqual(
      poll.options.map((option) => option.votes),
      [3, 2],
    );
  });

  it('says a poll closed by hand is closed even without a closing time', async () => {
    const poll = await getPoll(app, 'closed-by-hand');
    assert.equal(poll.closed, true);
    assert.equal(poll.closesAt, null);
  });

  it('answers 404 not_found for an unknown poll, including ids no poll could have', async () => {
    await expectError(await request(app, `/api/polls/khong-co`), 404, 'not_found');
    await expectError(await request(app, `/api/polls/${'x'.repeat(500)}`), 404, 'not_found');
    await expectError(await request(app, `/api/polls/single'%20OR%20'1'='1`), 404, 'not_found');
  });

  it('is never cached and carries no cookie', async () => {
    const response = await request(app, `/api/polls/single`);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('set-cookie'), null);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});

describe('POST /api/polls/:id/votes', () => {
  it('answers 201 with the results now counting the vote', async () => {
    const response = await postVote(app, 'single', { options: ['b'], voter: newVoter() });
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
    assert.deepEqual(await getPoll(app, 'single'), poll);
  });

  it('counts one ballot with several options in a multiple-choice poll', async () => {
    const before = await getPoll(app, 'multi');
    const response = await postVote(app, 'multi', { options: ['x', 'z'], voter: newVoter() });
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
    assert.equal((await postVote(app, 'single', { options: ['a'], voter })).status, 201);
    const counted = await getPoll(app, 'single');
    const body = await expectError(await postVote(app, 'single', { options: ['c'], voter }), 409, 'already_voted');
    assert.ok(body.poll, '409 carries the results');
    assertPollShape(body.poll);
    assert.deepEqual(body.poll, counted);
    assert.deepEqual(await getPoll(app, 'single'), counted);
  });

  it('lets the same voter vote once in each poll', async () => {
    const voter = newVoter();
    assert.equal((await postVote(app, 'single', { options: ['a'], voter })).status, 201);
    assert.equal((await postVote(app, 'multi', { options: ['y'], voter })).status, 201);
  });

  it('answers 410 closed with the results for a poll past its closing time or closed by hand', async () => {
    for (const pollId of ['closed-by-date', 'closed-by-hand']) {
      const before = await getPoll(app, pollId);
      const body = await expectError(await postVote(app, pollId, { options: ['a'], voter: newVoter() }), 410, 'closed');
      assert.deepEqual(body.poll, before);
      assert.deepEqual(await getPoll(app, pollId), before);
    }
  });

  it('answers 404 not_found for an unknown poll', async () => {
    await expectError(await postVote(app, 'khong-co', { options: ['a'], voter: newVoter() }), 404, 'not_found');
  });

  it('answers 400 with a code naming each kind of bad ballot, counting nothing', async () => {
    const before = await getPoll(app, 'single');
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
      await expectError(await postVote(app, 'single', body), 400, code);
    }
    // Every refused ballot used the same voter, who can still vote.
    assert.equal((await postVote(app, 'single', { options: ['d'], voter })).status, 201);
    assert.equal((await getPoll(app, 'single')).totalVotes, before.totalVotes + 1);
  });

  it('answers 415 unsupported_media_type to anything but JSON', async () => {
    const voter = newVoter();
    const body = JSON.stringify({ options: ['a'], voter });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const response = await request(app, `/api/polls/single/votes`, { method: 'POST', headers: { 'content-type': type }, body });
      await expectError(response, 415, 'unsupported_media_type');
    }
    const untyped = await rawRequest(app, { method: 'POST', path: '/api/polls/single/votes', body });
    assert.equal(untyped.status, 415);
    assert.equal((JSON.parse(untyped.text) as ErrorBody).error, 'unsupported_media_type');
    // The voter was never counted.
    assert.equal((await postVote(app, 'single', { options: ['a'], voter })).status, 201);
  });

  it('answers 413 too_large to a body over 4 KB announced in Content-Length', async () => {
    const voter = newVoter();
    const big = JSON.stringify({ options: ['a'], voter, padding: 'x'.repeat(5000) });
    await expectError(await postVote(app, 'single', big), 413, 'too_large');
  });

  it('accepts a body of exactly 4096 bytes as far as size goes', async () => {
    const voter = newVoter();
    const base = JSON.stringify({ options: ['a'], voter });
    // Insignificant whitespace pads the body without changing the ballot.
    const padded = `${base.slice(0, -1)}${' '.repeat(4096 - base.length)}}`;
    assert.equal(Buffer.byteLength(padded), 4096);
    assert.equal((await postVote(app, 'single', padded)).status, 201);
  });
});

describe('GET /api/health', () => {
  it('answers 200 while the server runs', async () => {
    const response = await request(app, `/api/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('answers 503 unavailable when storage does not answer', async () => {
    const own = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS });
    try {
      assert.equal((await own.inject('/api/health')).statusCode, 200);
      // As when the database goes away under a running server.
      await own.storage.close();
      const response = await own.inject('/api/health');
      assert.equal(response.statusCode, 503);
      assert.equal(response.json<ErrorBody>().error, 'unavailable');
      assert.equal(response.headers['cache-control'], 'no-store');
      // A poll read or a vote then says the same, not that the server has a fault to fix (500).
      for (const answer of [await request(own, '/api/polls/single'), await postVote(own, 'single', { options: ['a'], voter: newVoter() })]) {
        const body = (await answer.json()) as ErrorBody;
        assert.deepEqual([answer.status, body.error], [503, 'unavailable'], JSON.stringify(body));
      }
      // A storage that does not answer at all (a pool waiting to connect): said unreachable all the same, not waited for.
      own.storage.ping = () => new Promise<never>(() => {});
      assert.equal((await request(own, '/api/polls/single')).status, 503);
      // Nor by the health check, which a load balancer asks with a timeout of its own.
      assert.equal((await own.inject('/api/health')).statusCode, 503);
      // A ping refused without an Error (a driver rejecting with nothing) is no answer either.
      own.storage.ping = () => Promise.reject(undefined);
      assert.equal((await own.inject('/api/health')).statusCode, 503);
    } finally {
      await own.close();
    }
  });
});

describe('storage going away and coming back, on stderr', () => {
  it('is said once when it starts and once when it ends, not once per request', async () => {
    const own = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS });
    const lines = await captureStderr(async () => {
      try {
        const ping = own.storage.ping.bind(own.storage);
        own.storage.ping = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
        for (let request = 0; request < 20; request++) assert.equal((await own.inject('/api/health')).statusCode, 503);
        own.storage.ping = ping;
        assert.equal((await own.inject('/api/health')).statusCode, 200);
        assert.equal((await own.inject('/api/health')).statusCode, 200);
      } finally {
        await own.close();
      }
    });
    const said = lines.filter((line) => line.includes('storage'));
    assert.equal(said.length, 2, said.join('\n'));
    assert.equal(said[0], 'egov-widgets: storage does not answer: connect ECONNREFUSED 127.0.0.1:5432');
    assert.match(said[1]!, /^egov-widgets: storage answers again, after \d+ s without\.$/);
  });

  it('a SQLite file another program holds locked: 503 unavailable once SQLite gives up waiting, said once, and serves again', sqliteOnly('a SQLite file'), async () => {
    const dbPath = temporaryDatabase();
    const own = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS }, dbPath);
    // A `sqlite3` shell left in a write transaction.
    const shell = new Database(dbPath);
    try {
      shell.exec('BEGIN IMMEDIATE');
      const lines = await captureStderr(async () => {
        const answers = await Promise.all(Array.from({ length: 3 }, () => postVote(own, 'single', { options: ['a'], voter: newVoter() })));
        for (const answer of answers) assert.equal(((await answer.json()) as ErrorBody).error, 'unavailable');
      });
      assert.deepEqual(lines, [
        'egov-widgets: storage answers, but too late for requests (database is locked): a lock held on it (another program writing, an ALTER TABLE), or an overloaded database.',
      ]);
      shell.exec('ROLLBACK');
      assert.equal((await postVote(own, 'single', { options: ['a'], voter: newVoter() })).status, 201);
    } finally {
      shell.close();
      await own.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  interface OpenApi {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[] } }> }; responses: Record<string, unknown> }>>;
  }

  it('describes the public poll API in OpenAPI 3.1', async () => {
    const response = await request(app, `/api/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const document = (await response.json()) as OpenApi;
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(Object.keys(document.paths).sort(), ['/api/health', '/api/polls/{id}', '/api/polls/{id}/votes']);
    assert.deepEqual(Object.keys(document.paths['/api/polls/{id}']!), ['get']);
    const vote = document.paths['/api/polls/{id}/votes']!.post!;
    assert.deepEqual(vote.requestBody!.content['application/json']!.schema.required, ['options', 'voter']);
    assert.deepEqual(Object.keys(vote.responses).sort(), ['201', '400', '404', '409', '410', '413', '415', '429', '500', '503']);
  });
});
