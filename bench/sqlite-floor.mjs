// Row 5's storage floor, in a process of its own: the server's own schema and pragmas (WAL,
// synchronous = FULL, via server/storage/sqlite/db.ts) and a bare better-sqlite3 loop doing exactly the inserts
// a vote does (one IMMEDIATE transaction per ballot, so one fsync each), then the reads a
// `GET /api/polls/:id` does, with the JSON text. No HTTP, no validation: what SQLite alone costs.
// And the fsync floor: 4 KB written and fdatasync'd in a loop, in the same folder, which is what
// the disk allows commits per second (a server committing a group of votes per sync may pass the
// per-insert floor, never this one's syncs per second).
// `node --import tsx bench/sqlite-floor.mjs '<json options>'`; options: {dbPath, pollsFile,
// pollId, optionId, seconds}. Bounded by time and by a maximum count.
import { randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { readPollFile } from '../server/storage/poll-file.ts';
import { openDatabase } from '../server/storage/sqlite/db.ts';
import { SqlitePollStorage } from '../server/storage/sqlite/poll-store.ts';

const MAX_OPERATIONS = 2_000_000;
const { dbPath, pollsFile, pollId, optionId, seconds } = JSON.parse(process.argv[2]);

const db = openDatabase(dbPath);
await new SqlitePollStorage(db).importPolls(readPollFile(pollsFile));

const insertVote = db.prepare(
  'INSERT INTO votes (poll_id, voter, created_at) VALUES (?, ?, ?) ON CONFLICT (poll_id, voter) DO NOTHING',
);
const insertVoteOption = db.prepare('INSERT INTO vote_options (poll_id, voter, option_id) VALUES (?, ?, ?)');
const castVote = db.transaction((voter) => {
  insertVote.run(pollId, voter, new Date().toISOString());
  insertVoteOption.run(pollId, voter, optionId);
});
const selectPoll = db.prepare(
  'SELECT id, question, multiple, closes_at, closed, total_votes FROM polls WHERE id = ? AND archived = 0',
);
const selectOptions = db.prepare('SELECT id, label, votes FROM options WHERE poll_id = ? ORDER BY position');

function timed(operation) {
  const latencies = [];
  const began = process.hrtime.bigint();
  const deadline = began + BigInt(Math.round(seconds * 1e9));
  let now = began;
  while (now < deadline && latencies.length < MAX_OPERATIONS) {
    const before = now;
    operation();
    now = process.hrtime.bigint();
    latencies.push(Number(now - before) / 1e6);
  }
  const elapsed = Number(now - began) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { operations: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

const votes = timed(() => castVote.immediate(randomUUID()));
const reads = timed(() => {
  const poll = selectPoll.get(pollId);
  JSON.stringify({ ...poll, options: selectOptions.all(pollId) });
});
db.close();

const syncedPath = `${dbPath}.fsync`;
const synced = openSync(syncedPath, 'w');
const page = Buffer.alloc(4096, 1);
const fsync = timed(() => {
  writeSync(synced, page, 0, page.length, 0);
  fdatasyncSync(synced);
});
closeSync(synced);
rmSync(syncedPath);
process.stdout.write(JSON.stringify({ votes, reads, fsync }));
