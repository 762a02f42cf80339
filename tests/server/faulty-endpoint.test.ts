/**
 * The faulty endpoint's Poll API (tests/support/faulty-endpoint.mjs) stands in front of the real
 * server and, for some faults, answers in its stead with the server's own error bodies. Here each
 * of those bodies is provoked from the real server and compared, so the two cannot drift apart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVER_ERRORS, SHORT_RETRY_AFTER, startFaultyEndpoint, writePollsWithPool } from '../support/faulty-endpoint.mjs';
import { type ReferenceServer, startReferenceServer } from '../support/reference-server.mjs';
import { type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, type PollBody, postVote } from './support.js';

let server: ReferenceServer;
let limited: ReferenceServer;
let endpoint: { url: string; close(): Promise<void> };

/** A Poll API base URL of the faulty endpoint misbehaving with `kind` on the first vote of a new key. */
let keys = 0;
const faulty = (kind: string, on: 'load' | 'vote' = 'vote') => `${endpoint.url}/faults/poll/${kind}/${on}/1/drift-${++keys}`;

async function answer(response: Response): Promise<{ status: number; body: ErrorBody; retryAfter: string | null }> {
  return { status: response.status, body: (await response.json()) as ErrorBody, retryAfter: response.headers.get('retry-after') };
}

/** POSTs a ballot to `base` (a Poll API base URL, no `/api`). */
function vote(base: string, pollId: string, body: unknown): Promise<Response> {
  return fetch(`${base}/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the faulty endpoint speaks like the reference server', () => {
  before(async () => {
    const polls = writePollsWithPool(FIXTURE_POLLS);
    server = await startReferenceServer({ env: { EGOV_POLLS: polls } });
    // One vote a minute: the second one is the server's own 429.
    limited = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_RATE_LIMIT: '1' } });
    endpoint = await startFaultyEndpoint({ pollServer: server.url });
  });
  after(async () => {
    await endpoint.close();
    await Promise.all([server.stop(), limited.stop()]);
  });

  it('relays the server itself when it does not misbehave', async () => {
    const fromServer = await getPoll(server.url, 'single');
    const relayed = (await (await fetch(`${faulty('500')}/polls/single`)).json()) as PollBody;
    assert.deepEqual(relayed, fromServer);
    const voter = newVoter();
    const counted = await vote(faulty('500', 'load'), 'single', { options: ['a'], voter });
    assert.equal(counted.status, 201);
    assert.equal((await getPoll(server.url, 'single')).totalVotes, fromServer.totalVotes + 1, 'the vote reached the real server');
  });

  it('400: the body of an unknown option', async () => {
    const real = await answer(await postVote(server.url, 'single', { options: ['nope'], voter: newVoter() }));
    const fake = await answer(await vote(faulty('400'), 'single', { options: ['a'], voter: newVoter() }));
    assert.deepEqual(real, { status: 400, body: SERVER_ERRORS[400], retryAfter: null });
    assert.deepEqual(fake, real);
  });

  it('404: the body of an unknown poll', async () => {
    const real = await answer(await fetch(`${server.url}/api/polls/khong-co`));
    const fake = await answer(await fetch(`${faulty('404', 'load')}/polls/single`));
    assert.deepEqual(real, { status: 404, body: SERVER_ERRORS[404], retryAfter: null });
    assert.deepEqual(fake, real);
  });

  it('404: an unknown poll is the server\'s own 404 through the proxy', async () => {
    const relayed = await answer(await fetch(`${faulty('500')}/polls/khong-co`));
    assert.deepEqual(relayed, { status: 404, body: SERVER_ERRORS[404], retryAfter: null });
  });

  it('410: the body of a closed poll, with its results', async () => {
    const real = await answer(await postVote(server.url, 'closed-by-hand', { options: ['a'], voter: newVoter() }));
    const fake = await answer(await vote(faulty('410'), 'single', { options: ['a'], voter: newVoter() }));
    const { poll: realPoll, ...realRest } = real.body;
    const { poll: fakePoll, ...fakeRest } = fake.body;
    assert.deepEqual({ ...real, body: realRest }, { status: 410, body: SERVER_ERRORS[410], retryAfter: null });
    assert.deepEqual({ ...fake, body: fakeRest }, { ...real, body: realRest });
    assert.deepEqual(realPoll, await getPoll(server.url, 'closed-by-hand'));
    assert.deepEqual(fakePoll, { ...(await getPoll(server.url, 'single')), closed: true });
    assert.deepEqual(Object.keys(fakePoll!), Object.keys(realPoll!));
  });

  it('413: the body of a ballot over the size limit', async () => {
    const huge = JSON.stringify({ options: ['a'], voter: newVoter(), padding: 'x'.repeat(5000) });
    const real = await answer(await postVote(server.url, 'single', huge));
    const fake = await answer(await vote(faulty('413'), 'single', { options: ['a'], voter: newVoter() }));
    assert.deepEqual(real, { status: 413, body: SERVER_ERRORS[413], retryAfter: null });
    assert.deepEqual(fake, real);
  });

  it('429: the body and header of the rate limit, asking for a short wait', async () => {
    assert.equal((await postVote(limited.url, 'single', { options: ['a'], voter: newVoter() })).status, 201);
    const real = await answer(await postVote(limited.url, 'single', { options: ['b'], voter: newVoter() }));
    const fake = await answer(await vote(faulty('429'), 'single', { options: ['a'], voter: newVoter() }));
    assert.equal(real.status, 429);
    assert.deepEqual(Object.keys(real.body), ['error', 'message', 'retryAfter']);
    assert.deepEqual({ error: real.body.error, message: real.body.message }, SERVER_ERRORS[429]);
    assert.equal(real.retryAfter, String(real.body.retryAfter), 'the header and the body agree');
    assert.deepEqual(fake, { status: 429, body: { ...SERVER_ERRORS[429], retryAfter: SHORT_RETRY_AFTER }, retryAfter: String(SHORT_RETRY_AFTER) });
    assert.notEqual(SHORT_RETRY_AFTER, 1, 'the widget waits 1 s by itself: a 429 asking for 1 s proves nothing');
  });

  it('500: the body of a server failure has the shape of every error', async () => {
    // A real 500 cannot be provoked from outside (the fuzz test tries); its words are server/error-replies.ts's.
    const fake = await answer(await vote(faulty('500'), 'single', { options: ['a'], voter: newVoter() }));
    assert.deepEqual(fake, { status: 500, body: SERVER_ERRORS[500], retryAfter: null });
  });

  it('reset: the vote is committed by the server, its answer lost on the way', async () => {
    const before = (await getPoll(server.url, 'multi')).totalVotes;
    const voter = newVoter();
    await assert.rejects(async () => (await vote(faulty('reset'), 'multi', { options: ['x'], voter })).json());
    assert.equal((await getPoll(server.url, 'multi')).totalVotes, before + 1);
    const again = await answer(await postVote(server.url, 'multi', { options: ['x'], voter }));
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'already_voted');
  });
});
