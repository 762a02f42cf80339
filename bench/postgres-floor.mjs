// Row 7's storage floor, in a process of its own: the server's PostgreSQL schema (created by
// server/storage/postgres/) and a pool of as many connections as the server's, each driven by a
// bare loop of one-ballot inserts: the ballot, its option and the counters in one statement, so
// one transaction and one commit each. No HTTP, no validation, no grouping: what PostgreSQL
// alone costs one server process voting one ballot at a time.
// `node --import tsx bench/postgres-floor.mjs '<json options>'`; options: {url, pollsFile, pollId,
// optionId, seconds}. Prints {operations, perSecond, p50, p99} (milliseconds).
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { readPollFile } from '../server/storage/poll-file.ts';
import { POOL_SIZE } from '../server/storage/postgres/db.ts';
import { COUNTER_SLOTS } from '../server/storage/postgres/migrations.ts';
import { PostgresPollStorage } from '../server/storage/postgres/poll-store.ts';

const { url, pollsFile, pollId, optionId, seconds } = JSON.parse(process.argv[2]);

const store = await PostgresPollStorage.open(url);
await store.importPolls(readPollFile(pollsFile));
await store.close();

const CAST_VOTE = {
  name: 'floor-cast-vote',
  text: `
    WITH ballot AS (
      INSERT INTO votes (poll_id, voter) VALUES ($1, $2) ON CONFLICT (poll_id, voter) DO NOTHING RETURNING poll_id, voter
    ), chosen AS (
      INSERT INTO vote_options (poll_id, voter, option_id) SELECT poll_id, voter, $3 FROM ballot RETURNING option_id
    ), counted AS (
      INSERT INTO vote_counts (poll_id, option_id, slot, votes)
      SELECT $1, counter, $4, 1 FROM (SELECT '' AS counter FROM ballot UNION ALL SELECT option_id FROM chosen) AS counters
      ORDER BY counter
      ON CONFLICT (poll_id, option_id, slot) DO UPDATE SET votes = vote_counts.votes + 1
    )
    SELECT count(*)::int AS counted FROM ballot`,
};
const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });

const latencies = [];
const began = process.hrtime.bigint();
const deadline = began + BigInt(Math.round(seconds * 1e9));

async function loop() {
  while (process.hrtime.bigint() < deadline) {
    const before = process.hrtime.bigint();
    const { rows } = await pool.query({ ...CAST_VOTE, values: [pollId, randomUUID(), optionId, randomInt(COUNTER_SLOTS)] });
    if (rows[0].counted !== 1) throw new Error('a new voter was not counted');
    latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
  }
}

await Promise.all(Array.from({ length: POOL_SIZE }, loop));
const elapsed = Number(process.hrtime.bigint() - began) / 1e9;
await pool.end();
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
process.stdout.write(JSON.stringify({ operations: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) }));
