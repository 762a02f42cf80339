/**
 * Counts stay exact under concurrent requests: they equal what was acknowledged, and what
 * is stored in the database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReferenceServer, startReferenceServer } from '../support/reference-server.mjs';
import { countStoredVotes, type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, optionCounts, postVote } from './support.js';

let server: ReferenceServer;

before(async () => {
  server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
});

after(async () => {
  await server.stop();
});

function tally(ballots: string[][]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ballot of ballots) for (const option of ballot) counts[option] = (counts[option] ?? 0) + 1;
  return counts;
}

/** Sends every ballot at once, each from its own new voter, and returns the acknowledged ones. */
async function voteAllAtOnce(pollId: string, ballots: string[][]): Promise<string[][]> {
  const statuses = await Promise.all(
    ballots.map(async (options) => {
      const response = await postVote(server.url, pollId, { options, voter: newVoter() });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  assert.deepEqual(new Set(statuses), new Set([201]), 'every distinct voter is acknowledged');
  return ballots.filter((_, index) => statuses[index] === 201);
}

/** What the tests measured, for SECURITY.md (printed once at the end). */
const measured: string[] = [];

describe('concurrent votes', () => {
  after(() => console.log(`figure: concurrency: ${measured.join('; ')}`));

  it('counts 500 concurrent votes from distinct voters exactly', async () => {
    const options = ['a', 'b', 'c', 'd'];
    const ballots = Array.from({ length: 500 }, (_, index) => [options[(index * 7) % 4]!]);
    const acknowledged = await voteAllAtOnce('crowd', ballots);

    const poll = await getPoll(server.url, 'crowd');
    const stored = await countStoredVotes(server.dbPath, 'crowd');
    assert.equal(poll.totalVotes, acknowledged.length);
    assert.deepEqual(optionCounts(poll), tally(acknowledged));
    assert.equal(stored.total, acknowledged.length);
    assert.deepEqual(stored.perOption, tally(acknowledged));
    measured.push(`${ballots.length} distinct voters at once = ${poll.totalVotes} counted = ${stored.total} stored`);
  });

  it('counts 500 concurrent multiple-choice ballots exactly, per option and in total', async () => {
    const subsets = [['x'], ['y'], ['z'], ['x', 'y'], ['x', 'z'], ['y', 'z'], ['x', 'y', 'z']];
    const ballots = Array.from({ length: 500 }, (_, index) => subsets[index % subsets.length]!);
    const acknowledged = await voteAllAtOnce('crowd-multi', ballots);

    const poll = await getPoll(server.url, 'crowd-multi');
    const stored = await countStoredVotes(server.dbPath, 'crowd-multi');
    assert.equal(poll.totalVotes, 500);
    assert.deepEqual(optionCounts(poll), tally(acknowledged));
    assert.equal(stored.total, 500);
    assert.deepEqual(stored.perOption, tally(acknowledged));
    measured.push(`${ballots.length} multiple-choice ballots at once = ${poll.totalVotes} counted = ${stored.total} stored`);
  });

  it('counts the same voter voting in parallel once: one 201, the others 409', async () => {
    const PARALLEL = 20;
    for (const [pollId, choices] of [
      ['single', [['a'], ['b'], ['c'], ['d']]],
      ['multi', [['x'], ['y', 'z'], ['x', 'y', 'z']]],
    ] as const) {
      const before = await getPoll(server.url, pollId);
      const voter = newVoter();
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, (_, index) => postVote(server.url, pollId, { options: choices[index % choices.length], voter })),
      );
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [201, ...Array<number>(PARALLEL - 1).fill(409)]);
      for (const response of responses.filter((candidate) => candidate.status === 409)) {
        const body = (await response.json()) as ErrorBody;
        assert.equal(body.error, 'already_voted');
        assert.equal(body.poll?.id, pollId);
      }
      const after = await getPoll(server.url, pollId);
      assert.equal(after.totalVotes, before.totalVotes + 1);
      assert.equal((await countStoredVotes(server.dbPath, pollId)).total, after.totalVotes);
      measured.push(
        `one voter ${PARALLEL} times in parallel on "${pollId}": ${after.totalVotes - before.totalVotes} counted, ` +
          `${statuses.filter((status) => status === 409).length} × 409`,
      );
    }
  });
});
