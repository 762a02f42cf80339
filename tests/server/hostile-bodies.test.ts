/**
 * Malformed and hostile requests get a 4xx and change nothing; the server keeps answering.
 * The bodies arrive byte for byte through app.inject() (in process); what the HTTP parser
 * itself refuses is in abuse.test.ts and fuzz.test.ts, on a real socket.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { temporaryDatabase } from '../support/reference-server.mjs';
import { buildServerApp, countStoredVotes, type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, postVote, rawRequest } from './support.js';

let server: { app: FastifyInstance; dbPath: string };

before(async () => {
  const dbPath = temporaryDatabase();
  server = { app: await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS }, dbPath), dbPath };
});

after(async () => {
  // Still healthy after all of that, and it closes cleanly, its storage with it.
  assert.equal((await server.app.inject('/api/health')).statusCode, 200);
  await server.app.close();
});

/** Sends raw bytes as JSON and returns the status and the parsed error body. */
async function sendBytes(body: Buffer | string, pollId = 'single'): Promise<{ status: number; body: ErrorBody }> {
  const response = await rawRequest(server.app, {
    method: 'POST',
    path: `/api/polls/${pollId}/votes`,
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: JSON.parse(response.text) as ErrorBody };
}

async function assertNothingCounted(check: () => Promise<void>): Promise<void> {
  const before = await countStoredVotes(server.dbPath, 'single');
  await check();
  assert.deepEqual(await countStoredVotes(server.dbPath, 'single'), before);
  assert.equal((await getPoll(server.app, 'single')).totalVotes, before.total);
}

describe('hostile vote bodies', () => {
  it('refuses wrong types, nested objects and huge arrays with 400', async () => {
    const voter = newVoter();
    const bodies: unknown[] = [
      { options: [1], voter },
      { options: [null], voter },
      { options: [true], voter },
      { options: [['a']], voter },
      { options: [{ id: 'a' }], voter },
      { options: { 0: 'a', length: 1 }, voter },
      { options: ['a'], voter: { $gt: '' } },
      { options: ['a'], voter: [voter] },
      { options: ['a'], voter: null },
      { options: Array.from({ length: 51 }, (_, index) => `o${index}`), voter },
      { options: Array.from({ length: 900 }, () => 'a'), voter },
      { options: ['a'.repeat(65)], voter },
      { options: ['a'], voter: 'f'.repeat(3000) },
      { options: ['a'], voter, poll: 'multi' },
      { options: ['a'], voter, id: 1, votes: 1000 },
      { nested: { deeper: { deepest: [1, 2, 3] } } },
      JSON.stringify(JSON.parse(`${'['.repeat(1500)}${']'.repeat(1500)}`)),
      '1e999999',
      'NaN',
      "{'options':['a']}",
      `{"options":["a"],"voter":"${voter}",}`,
      `{"options":["a"],"voter":"${voter}"}{"options":["b"]}`,
    ];
    await assertNothingCounted(async () => {
      for (const body of bodies) {
        const response = await postVote(server.app, 'single', body);
        const text = await response.text();
        assert.equal(response.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${response.status} ${text}`);
        assert.ok((JSON.parse(text) as ErrorBody).error);
      }
    });
  });

  it('treats SQL-looking strings as data: unknown options, bad voters, unknown polls', async () => {
    const injections = ["a'; DROP TABLE votes; --", "' OR '1'='1", 'a" OR 1=1 --', 'a); DELETE FROM polls; --'];
    await assertNothingCounted(async () => {
      for (const injection of injections) {
        const asOption = await postVote(server.app, 'single', { options: [injection], voter: newVoter() });
        assert.equal(((await asOption.json()) as ErrorBody).error, 'unknown_option');
        const asVoter = await postVote(server.app, 'single', { options: ['a'], voter: injection });
        assert.equal(((await asVoter.json()) as ErrorBody).error, 'bad_voter');
        const asPoll = await postVote(server.app, encodeURIComponent(injection), { options: ['a'], voter: newVoter() });
        assert.equal(asPoll.status, 404);
      }
    });
    // The tables are all still there.
    assert.equal((await postVote(server.app, 'single', { options: ['a'], voter: newVoter() })).status, 201);
  });

  it('refuses prototype-pollution keys with 400 and pollutes nothing', async () => {
    const voter = newVoter();
    for (const body of [
      `{"options":["a"],"voter":"${voter}","__proto__":{"multiple":true}}`,
      `{"__proto__":{"options":["a"],"voter":"${voter}"}}`,
      `{"options":["a"],"voter":"${voter}","constructor":{"prototype":{"polluted":true}}}`,
      `{"options":{"__proto__":["a","b"]},"voter":"${voter}"}`,
    ]) {
      const { status } = await sendBytes(body);
      assert.equal(status, 400, body);
    }
    // A single-choice poll still takes one option only (no "multiple" leaked into objects).
    const twoOptions = await postVote(server.app, 'single', { options: ['a', 'b'], voter });
    assert.equal(((await twoOptions.json()) as ErrorBody).error, 'too_many_options');
  });

  it('refuses bytes that are not UTF-8 with 400 instead of altering them', async () => {
    const voter = newVoter();
    const samples = [
      Buffer.concat([Buffer.from('{"options":["a"],"voter":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from(`{"options":["a`), Buffer.from([0xc3]), Buffer.from(`"],"voter":"${voter}"}`)]),
      Buffer.concat([Buffer.from(`{"options":["a"],"voter":"${voter}"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('}')]),
      Buffer.from([0x80, 0x81, 0x82]),
    ];
    await assertNothingCounted(async () => {
      for (const sample of samples) {
        const { status, body } = await sendBytes(sample);
        assert.equal(status, 400);
        assert.equal(body.error, 'bad_request');
      }
    });
  });

  it('answers 4xx, never 5xx, to any JSON value or any bytes (property-based)', async () => {
    await assertNothingCounted(async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          const { status } = await sendBytes(JSON.stringify(value));
          return status === 400 || status === 413;
        }),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
          const { status } = await sendBytes(Buffer.from(bytes));
          return status === 400;
        }),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record({ options: fc.array(fc.string(), { maxLength: 5 }), voter: fc.string() }, { requiredKeys: [] }),
          async (body) => {
            const { status } = await sendBytes(JSON.stringify(body));
            return status === 400;
          },
        ),
        { numRuns: 150 },
      );
    });
  });

  it('still answers and counts correctly after all of that', async () => {
    const before = await getPoll(server.app, 'single');
    const response = await postVote(server.app, 'single', { options: ['c'], voter: newVoter() });
    assert.equal(response.status, 201);
    assert.equal((await getPoll(server.app, 'single')).totalVotes, before.totalVotes + 1);
    assert.equal((await countStoredVotes(server.dbPath, 'single')).total, before.totalVotes + 1);
  });
});
