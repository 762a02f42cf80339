/**
 * SQLite votes committed on a thread of their own (server/storage/sqlite/commit-thread.ts): while
 * a batch's transaction is in flight the event loop must go on answering, and the ballot rules
 * must still be decided inside that transaction. Made deterministic by ordering, not timing: a
 * connection of the test's own holds the write lock, so the batch cannot commit until the test
 * lets it. Committed on the event loop's thread (as before), the batch would wait for the lock
 * there, blocking the loop until SQLite's busy timeout gave up, and the vote would fail.
 */
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { readPollFile } from '../../server/storage/poll-file.js';
import { CommitThread } from '../../server/storage/sqlite/commit-thread.js';
import { openDatabase } from '../../server/storage/sqlite/db.js';
import { SqlitePollStorage } from '../../server/storage/sqlite/poll-store.js';
import type { VoteResult } from '../../server/storage/storage.js';
import { temporaryDatabase } from '../support/reference-server.mjs';
import { assertCountsEqualRows, captureStderr, countStoredVotes, FIXTURE_POLLS, newVoter, sqliteOnly, waitUntil } from './support.js';

/** Opens the server's storage (commit and checkpoint threads) on a new file with the fixture polls. */
async function openStorage(): Promise<{ store: SqlitePollStorage; dbPath: string }> {
  const dbPath = temporaryDatabase();
  const store = SqlitePollStorage.open(dbPath);
  await store.importPolls(readPollFile(FIXTURE_POLLS));
  return { store, dbPath };
}

/** A promise's state, read without waiting for it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  // Its rejection is awaited later; never an unhandled one meanwhile.
  tracked.catch(() => {});
  return { settled: () => settled, promise: tracked };
}

describe('SQLite commit thread', sqliteOnly('the SQLite storage commits on a thread; PostgreSQL is asynchronous already'), () => {
  it('answers reads while a batch of votes waits to commit, then commits it', async () => {
    const { store, dbPath } = await openStorage();
    const holder = new Database(dbPath);
    try {
      const before = (await store.readPoll('crowd'))!.totalVotes;
      holder.exec('BEGIN IMMEDIATE');
      const vote = track(store.castVote({ pollId: 'crowd', voter: newVoter(), optionIds: ['a'] }));
      // Two turns: the group commit's setImmediate has handed the batch over.
      await nextTurn();
      await nextTurn();
      const read = await store.readPoll('crowd');
      assert.equal(read?.totalVotes, before, 'the read sees only committed votes');
      assert.equal(vote.settled(), false, 'the vote cannot have committed while the lock is held');
      // A second vote meanwhile joins the next batch.
      const second = track(store.castVote({ pollId: 'crowd', voter: newVoter(), optionIds: ['b'] }));
      await nextTurn();
      assert.equal(second.settled(), false);
      holder.exec('ROLLBACK');
      const results: VoteResult[] = [await vote.promise, await second.promise];
      assert.deepEqual(results.map((result) => result.outcome), ['counted', 'counted']);
      assert.equal(results[1]!.poll?.totalVotes, before + 2);
    } finally {
      holder.close();
      await store.close();
    }
    await assertCountsEqualRows(dbPath, 'crowd');
  });

  it('commits on the main thread when the commit thread cannot work, and says so', async () => {
    const dbPath = temporaryDatabase();
    const db = openDatabase(dbPath);
    const said = await captureStderr(async () => {
      // A thread whose file does not exist fails as it starts.
      const thread = new CommitThread({ file: `${dbPath}.missing`, autocheckpointPages: 1000 });
      const store = new SqlitePollStorage(db, undefined, thread);
      try {
        await store.importPolls(readPollFile(FIXTURE_POLLS));
        await waitUntil(() => !thread.working, 'the commit thread has failed');
        const result = await store.castVote({ pollId: 'crowd', voter: newVoter(), optionIds: ['d'] });
        assert.equal(result.outcome, 'counted');
        assert.equal(result.poll?.options.find((option) => option.id === 'd')?.votes, 1);
      } finally {
        await store.close();
      }
    });
    assert.match(said.join('\n'), /^egov-widgets: the commit thread failed .*votes are committed on the main thread again$/m);
    assert.equal((await countStoredVotes(dbPath, 'crowd')).total, 1);
  });

  it('decides the ballot rules inside the batch transaction: a change committed just before it counts', async () => {
    const { store, dbPath } = await openStorage();
    const holder = new Database(dbPath);
    const voter = newVoter();
    try {
      holder.exec('BEGIN IMMEDIATE');
      const batch = [
        { pollId: 'single', voter, optionIds: ['a'] },
        { pollId: 'multi', voter: newVoter(), optionIds: ['x'] },
        { pollId: 'crowd', voter: newVoter(), optionIds: ['c'] },
      ].map((ballot) => track(store.castVote(ballot)));
      await nextTurn();
      await nextTurn();
      assert.ok(batch.every((vote) => !vote.settled()));
      // What another writer (an editor, a second process) commits before the batch's transaction:
      // this voter's ballot in "single", and "multi" closed.
      holder.prepare("INSERT INTO votes (poll_id, voter, created_at) VALUES ('single', ?, '2026-11-30T00:00:00Z')").run(voter);
      holder.prepare("INSERT INTO vote_options (poll_id, voter, option_id) VALUES ('single', ?, 'b')").run(voter);
      holder.exec("UPDATE polls SET closed = 1 WHERE id = 'multi'");
      holder.exec('COMMIT');
      const results = await Promise.all(batch.map((vote) => vote.promise));
      assert.deepEqual(results.map((result) => result.outcome), ['already_voted', 'closed', 'counted']);
      assert.equal(results[0]!.poll?.options.find((option) => option.id === 'b')?.votes, 1);
      assert.equal(results[0]!.poll?.options.find((option) => option.id === 'a')?.votes, 0);
      assert.equal(results[1]!.poll?.closed, true);
    } finally {
      holder.close();
      await store.close();
    }
    for (const pollId of ['single', 'multi', 'crowd']) await assertCountsEqualRows(dbPath, pollId);
    assert.equal((await countStoredVotes(dbPath, 'multi')).total, 0);
    assert.equal((await countStoredVotes(dbPath, 'crowd')).total, 1);
  });
});
