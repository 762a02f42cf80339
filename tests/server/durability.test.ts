/**
 * A 201 means the vote is on disk: killing the server (SIGKILL, no chance to flush)
 * in the middle of a stream of votes loses none that were acknowledged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startReferenceServer } from '../support/reference-server.mjs';
import { countStoredVotes, FIXTURE_POLLS, getPoll, newVoter, postVote, queryDatabase } from './support.js';

const env = { EGOV_POLLS: FIXTURE_POLLS };
const WORKERS = 8;
const KILL_AFTER_ACKNOWLEDGED = 150;

interface Ballot {
  voter: string;
  option: string;
}

describe('durability', () => {
  it('keeps every acknowledged vote when killed with SIGKILL mid-stream', async () => {
    const first = await startReferenceServer({ env });
    const acknowledged: Ballot[] = [];
    let killing: Promise<number | null> | undefined;

    // Workers vote back to back until the server is gone; the kill lands while requests are in flight.
    const worker = async (workerIndex: number): Promise<void> => {
      for (let round = 0; ; round++) {
        const ballot = { voter: newVoter(), option: ['a', 'b', 'c'][(workerIndex + round) % 3]! };
        let status: number;
        try {
          const response = await postVote(first.url, 'stream', { options: [ballot.option], voter: ballot.voter });
          await response.arrayBuffer();
          status = response.status;
        } catch {
          return; // The server is gone.
        }
        assert.equal(status, 201);
        acknowledged.push(ballot);
        if (acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) killing ??= first.kill();
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
    assert.equal(await killing, null, 'the server died of the signal, not of its own accord');

    const second = await startReferenceServer({ env, dbPath: first.dbPath });
    try {
      const rows = await queryDatabase<{ voter: string; option_id: string }>(
        first.dbPath,
        "SELECT voter, option_id FROM vote_options WHERE poll_id = 'stream'",
      );
      const stored = new Map(rows.map((row) => [row.voter, row.option_id]));
      const lost = acknowledged.filter((ballot) => stored.get(ballot.voter) !== ballot.option);
      assert.deepEqual(lost, [], 'acknowledged votes missing after the restart');

      // Votes that were in flight at the kill may or may not be there, but counts still match rows.
      const poll = await getPoll(second.url, 'stream');
      const counts = await countStoredVotes(first.dbPath, 'stream');
      assert.ok(poll.totalVotes >= acknowledged.length);
      assert.equal(poll.totalVotes, counts.total);
      assert.deepEqual(
        Object.fromEntries(poll.options.map((option) => [option.id, option.votes])),
        { a: 0, b: 0, c: 0, ...counts.perOption },
      );

      // The restarted server still knows these voters.
      const again = await postVote(second.url, 'stream', { options: ['a'], voter: acknowledged[0]!.voter });
      assert.equal(again.status, 409);
    } finally {
      await second.stop();
    }
  });

  it('stops cleanly on SIGTERM and SIGINT, and keeps its votes across restarts', async () => {
    const first = await startReferenceServer({ env });
    const voter = newVoter();
    assert.equal((await postVote(first.url, 'single', { options: ['b'], voter })).status, 201);
    assert.equal(await first.stop(), 0);

    const second = await startReferenceServer({ env, dbPath: first.dbPath });
    const poll = await getPoll(second.url, 'single');
    assert.equal(poll.totalVotes, 1);
    assert.equal(poll.options.find((option) => option.id === 'b')?.votes, 1);
    second.child.kill('SIGINT');
    assert.equal(await second.stop(), 0);
    assert.doesNotMatch(second.output(), /error/i);
  });
});
