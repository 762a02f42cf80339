// Why PostgreSQL counts votes in slot rows (server/storage/postgres/migrations.ts): three ways to
// keep a poll's counts, measured on a fresh PostgreSQL (default durability) with 20 connections
// voting at once on one poll — what two server processes' pools send — and by reading results.
//
//   one row    every vote adds 1 to the poll's counter row: its lock is held until the commit's
//              fsync, so voters of a poll queue behind each other;
//   16 slots   the server's design: a vote adds 1 to one of 16 rows picked at random, reads sum them;
//   COUNT      no counters: a read counts the poll's votes (an index-only scan, growing with votes).
//
// `node --import tsx bench/postgres-counters.mjs [seconds per design] [ballots for the read test]`.
// Not part of `npm run bench` (about a minute); its figures are quoted in server/README.md.
import { randomInt, randomUUID } from 'node:crypto';
import { PostgresPollStorage } from '../server/storage/postgres/poll-store.ts';
import { startPostgres } from '../tests/support/postgres.mjs';
import { quantile } from './stats.mjs';

const SECONDS = Number(process.argv[2] ?? 5);
const BALLOTS_READ = Number(process.argv[3] ?? 200_000);
const CONNECTIONS = 20;
const POLL = { id: 'bench', question: 'Bench?', multiple: false, closesAt: null, closed: false };
const OPTIONS = ['a', 'b', 'c', 'd'];

const VOTE = (slotExpression, withCounters) => `
  WITH ballot AS (
    INSERT INTO votes (poll_id, voter) VALUES ($1, $2) ON CONFLICT (poll_id, voter) DO NOTHING RETURNING poll_id, voter
  ), chosen AS (
    INSERT INTO vote_options (poll_id, voter, option_id)
    SELECT ballot.poll_id, ballot.voter, option_id FROM ballot, unnest($3::text[]) AS option_id RETURNING option_id
  )${withCounters ? `, counted AS (
    INSERT INTO vote_counts (poll_id, option_id, slot, votes)
    SELECT $1, counter, ${slotExpression}, 1 FROM (SELECT '' AS counter FROM ballot UNION ALL SELECT option_id FROM chosen) AS c
    ORDER BY counter
    ON CONFLICT (poll_id, option_id, slot) DO UPDATE SET votes = vote_counts.votes + 1
  )` : ''}
  SELECT count(*)::int AS counted FROM ballot`;

const DESIGNS = [
  { name: 'one counter row', sql: VOTE('0', true), params: () => [] },
  { name: '16 slot rows (the server)', sql: VOTE('$4', true), params: () => [randomInt(16)] },
  { name: 'no counters (COUNT on read)', sql: VOTE('0', false), params: () => [] },
];

async function voteFor(pool, design) {
  const latencies = [];
  const deadline = Date.now() + SECONDS * 1000;
  const loop = async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      await pool.query(design.sql, ['bench', randomUUID(), [OPTIONS[randomInt(4)]], ...design.params()]);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { votesPerSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

async function timeRead(pool, sql, times = 50) {
  const latencies = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    await pool.query(sql, ['bench']);
    latencies.push(performance.now() - started);
  }
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

const postgres = await startPostgres();
try {
  const url = postgres.createDatabase('egov_counters');
  const store = await PostgresPollStorage.open(url);
  await store.importPolls([{ ...POLL, options: OPTIONS.map((id) => ({ id, label: id, seedVotes: 0 })) }]);
  await store.close();
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });

  const writes = [];
  for (const design of DESIGNS) writes.push({ design: design.name, ...(await voteFor(pool, design)) });

  // Reads at BALLOTS_READ ballots: fill the poll in bulk, counters in slot 0, then time both reads.
  await pool.query(
    `WITH b AS (INSERT INTO votes (poll_id, voter) SELECT 'bench', gen_random_uuid() FROM generate_series(1, $1::int) RETURNING voter)
     INSERT INTO vote_options (poll_id, voter, option_id) SELECT 'bench', voter, (ARRAY['a','b','c','d'])[1 + (random() * 3)::int] FROM b`,
    [BALLOTS_READ],
  );
  await pool.query('VACUUM ANALYZE');
  const [{ n: ballots }] = (await pool.query("SELECT count(*)::int AS n FROM votes WHERE poll_id = 'bench'")).rows;
  const reads = {
    ballots,
    slots: await timeRead(pool, "SELECT option_id, sum(votes) FROM vote_counts WHERE poll_id = $1 GROUP BY option_id"),
    count: await timeRead(
      pool,
      'SELECT (SELECT count(*) FROM votes WHERE poll_id = $1) AS total, ' +
        '(SELECT json_object_agg(option_id, n) FROM (SELECT option_id, count(*) AS n FROM vote_options WHERE poll_id = $1 GROUP BY option_id) AS o) AS options',
    ),
  };
  await pool.end();
  console.log(JSON.stringify({ connections: CONNECTIONS, secondsPerDesign: SECONDS, writes, reads }, null, 1));
} finally {
  postgres.stop();
}
