import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { castVote, MAX_ATTEMPTS, MAX_RETRY_AFTER_SECONDS, type LostBallot } from '../../src/poll/cast-vote.js';
import { EgovFetchError } from '../../src/shared/fetch-json.js';

// castVote against a real local server that answers each POST with the next step of a script:
// a status with a body (and a Retry-After), or a connection cut before the answer.

type Step = { status: number; body?: unknown; retryAfter?: number } | 'cut' | 'truncated';

const POLL = {
  id: 'nghi-le',
  question: 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?',
  multiple: false,
  closesAt: null,
  closed: false,
  totalVotes: 11,
  options: [
    { id: '2-ngay', label: '2 ngày', votes: 4 },
    { id: '3-ngay', label: '3 ngày', votes: 7 },
  ],
};
const PARSED = { ...POLL, closesAt: undefined };
const already = { error: 'already_voted', message: 'This voter has already voted in this poll.', poll: POLL };

const scripts = new Map<string, Step[]>();
const received = new Map<string, unknown[]>();
let base = '';
let close = () => {};

before(async () => {
  const server = createServer((req, res) => {
    const key = req.url!.slice(1);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.set(key, [...(received.get(key) ?? []), JSON.parse(Buffer.concat(chunks).toString())]);
      const step = scripts.get(key)?.shift() ?? { status: 599 };
      if (step === 'cut') return void req.socket.destroy();
      if (step === 'truncated') {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify(POLL).slice(0, 20));
      }
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (step.retryAfter !== undefined) headers['Retry-After'] = String(step.retryAfter);
      res.writeHead(step.status, headers);
      res.end(step.body === undefined ? '' : JSON.stringify(step.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = () => server.close();
});
after(() => close());

/** Casts a ballot against `steps`; returns the outcome (or the error) and every retry announced. */
async function cast(steps: Step[], lost: LostBallot = {}) {
  const key = randomUUID();
  scripts.set(key, steps);
  const ballot = { options: ['2-ngay'], voter: randomUUID() };
  const retries: [number, number, boolean][] = [];
  const started = performance.now();
  let outcome: unknown;
  try {
    outcome = await castVote(`${base}/${key}`, ballot, (...args) => void retries.push(args), lost);
  } catch (error) {
    outcome = error;
  }
  const sent = received.get(key) ?? [];
  assert.ok(sent.every((body) => JSON.stringify(body) === JSON.stringify(ballot)), 'the same ballot every time');
  return { outcome, retries, attempts: sent.length, seconds: (performance.now() - started) / 1000 };
}

function httpError(outcome: unknown): number | undefined {
  assert.ok(outcome instanceof EgovFetchError, `expected an EgovFetchError, got ${String(outcome)}`);
  return outcome.status;
}

describe('castVote', () => {
  it('counts a ballot the server took (201), with the results it sent', async () => {
    const { outcome, retries, attempts } = await cast([{ status: 201, body: POLL }]);
    assert.deepEqual(outcome, { kind: 'counted', poll: PARSED, options: ['2-ngay'] });
    assert.deepEqual([retries, attempts], [[], 1]);
  });

  it('reports a voter who had voted before (409), with or without results', async () => {
    assert.deepEqual((await cast([{ status: 409, body: already }])).outcome, { kind: 'already-counted', poll: PARSED });
    assert.deepEqual((await cast([{ status: 409, body: { error: 'already_voted', message: 'x' } }])).outcome, {
      kind: 'already-counted',
      poll: undefined,
    });
  });

  it('sends again after a lost answer, and takes the 409 as its own vote counted', async () => {
    const { outcome, retries, attempts, seconds } = await cast(['cut', { status: 409, body: already }]);
    assert.deepEqual(outcome, { kind: 'counted', poll: PARSED, options: ['2-ngay'] });
    assert.deepEqual([retries, attempts], [[[2, 1, false]], 2]);
    assert.ok(seconds >= 0.95, `waited ${seconds} s`);
  });

  it('takes a 409 after an earlier ballot whose answer was lost (the reader pressed "Thử lại") as that ballot counted', async () => {
    const { outcome, attempts } = await cast([{ status: 409, body: already }], { choice: ['1-ngay'] });
    assert.deepEqual(outcome, { kind: 'counted', poll: PARSED, options: ['1-ngay'] });
    assert.equal(attempts, 1);
    // This ballot's answer lost too: still the earlier one, the first that may have arrived.
    assert.deepEqual((await cast(['cut', { status: 409, body: already }], { choice: ['1-ngay'] })).outcome, {
      kind: 'counted',
      poll: PARSED,
      options: ['1-ngay'],
    });
    // A 201 counts the ballot sent, whatever came before: the earlier one never arrived.
    assert.deepEqual((await cast([{ status: 201, body: POLL }], { choice: ['1-ngay'] })).outcome, { kind: 'counted', poll: PARSED, options: ['2-ngay'] });
  });

  it('takes a cut-off body (parse) as a lost answer too', async () => {
    const { outcome, retries } = await cast(['truncated', { status: 409, body: already }]);
    assert.deepEqual(outcome, { kind: 'counted', poll: PARSED, options: ['2-ngay'] });
    assert.deepEqual(retries, [[2, 1, false]]);
  });

  it('does not repeat an answer of the wrong shape: the server took the ballot', async () => {
    const { outcome, retries, attempts } = await cast([{ status: 201, body: 'not a poll' }, { status: 201, body: POLL }]);
    assert.equal((outcome as EgovFetchError).code, 'shape');
    assert.deepEqual([retries, attempts], [[], 1]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts that all failed on the server, waiting 1 s then 2 s, and notes the ballot as lost`, async () => {
    const lost: LostBallot = {};
    const { outcome, retries, attempts, seconds } = await cast([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 201, body: POLL }], lost);
    assert.deepEqual(lost, { choice: ['2-ngay'] }, 'a later 409 is this ballot counted');
    assert.equal(httpError(outcome), 503);
    assert.deepEqual([retries, attempts], [[[2, 1, false], [3, 2, false]], 3]);
    assert.ok(seconds >= 2.9, `waited ${seconds} s`);
  });

  it('does not repeat a ballot the server refused (400, 404, 410, 413), nor take it as lost', async () => {
    for (const status of [400, 404, 410, 413]) {
      const lost: LostBallot = {};
      const { outcome, retries, attempts } = await cast([{ status, body: { error: 'x', message: 'y' } }, { status: 201, body: POLL }], lost);
      assert.deepEqual([httpError(outcome), retries, attempts, lost], [status, [], 1, {}]);
    }
  });

  it('waits as long as a 429 asks, and a 409 after it is a vote from before', async () => {
    const { outcome, retries, attempts } = await cast([{ status: 429, retryAfter: 0 }, { status: 409, body: already }]);
    assert.deepEqual(outcome, { kind: 'already-counted', poll: PARSED });
    assert.deepEqual([retries, attempts], [[[2, 0, true]], 2]);
  });

  it('waits the usual 1 s after a 429 that names no time', async () => {
    const { outcome, retries, seconds } = await cast([{ status: 429 }, { status: 201, body: POLL }]);
    assert.deepEqual(outcome, { kind: 'counted', poll: PARSED, options: ['2-ngay'] });
    assert.deepEqual(retries, [[2, 1, true]]);
    assert.ok(seconds >= 0.95, `waited ${seconds} s`);
  });

  it(`does not wait out a 429 asking for more than ${MAX_RETRY_AFTER_SECONDS} s`, async () => {
    const lost: LostBallot = {};
    const { outcome, retries, attempts } = await cast([{ status: 429, retryAfter: MAX_RETRY_AFTER_SECONDS + 1 }, { status: 201, body: POLL }], lost);
    assert.equal(httpError(outcome), 429);
    assert.deepEqual([retries, attempts, lost], [[], 1, {}], 'a 429 is refused before counting');
  });
});
