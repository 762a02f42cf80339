/**
 * SQLite's write-ahead log, checkpointed on a thread of its own (server/storage/sqlite/
 * checkpointer.ts) rather than inside the votes' commits: the log must stay bounded under a
 * steady flood of batches, and every vote must be found, counted once, after closing. The
 * storage is built in process on a real file; the log's size is read from the file system and
 * the votes by a connection of the test's own.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readPollFile } from '../../server/storage/poll-file.js';
import { WAL_BOUND_PAGES } from '../../server/storage/sqlite/checkpointer.js';
import { SqlitePollStorage } from '../../server/storage/sqlite/poll-store.js';
import { temporaryDatabase } from '../support/reference-server.mjs';
import { countStoredVotes, FIXTURE_POLLS, newVoter, sqliteOnly, storedCounters } from './support.js';

/** The storage's pages are 4 KB; each takes a 24-byte frame header in the log. */
const FRAME_BYTES = 4096 + 24;
const BATCHES = 200;
const VOTES_PER_BATCH = 48;
const OPTIONS = ['a', 'b', 'c', 'd'];

describe('SQLite checkpoints', sqliteOnly('the write-ahead log of the SQLite file'), () => {
  it('keep the log bounded through a flood of batches, and every vote is found after closing', async () => {
    const dbPath = temporaryDatabase();
    const store = SqlitePollStorage.open(dbPath);
    let largestLog = 0;
    try {
      await store.importPolls(readPollFile(FIXTURE_POLLS));
      for (let batch = 0; batch < BATCHES; batch++) {
        // All of one turn of the event loop: one batch, one commit.
        const results = await Promise.all(
          Array.from({ length: VOTES_PER_BATCH }, (_, index) =>
            store.castVote({ pollId: 'crowd', voter: newVoter(), optionIds: [OPTIONS[index % OPTIONS.length]!] }),
          ),
        );
        assert.ok(results.every((result) => result.outcome === 'counted'));
        largestLog = Math.max(largestLog, statSync(`${dbPath}-wal`).size);
      }
    } finally {
      await store.close();
    }
    // 9,600 votes write ~14,000 pages to the log: without checkpoints it would pass the bound
    // far. One batch's pages (~150) may land past the bound before the commit that
    // crosses it checkpoints; 1,000 pages leave room for that, not for an unbounded log.
    assert.ok(largestLog / FRAME_BYTES <= WAL_BOUND_PAGES + 1000, `the log reached ${largestLog / FRAME_BYTES} pages`);
    const stored = await countStoredVotes(dbPath, 'crowd');
    assert.equal(stored.total, BATCHES * VOTES_PER_BATCH);
    for (const option of OPTIONS) assert.equal(stored.perOption[option], (BATCHES * VOTES_PER_BATCH) / OPTIONS.length);
    assert.deepEqual(await storedCounters(dbPath, 'crowd'), stored);
  });
});
