/**
 * Polls and votes in PostgreSQL: loading the polls file, reading results, casting a vote.
 * Several server processes may share the database; every guarantee below holds across them.
 *
 * A vote is one statement (so one transaction and one round trip): the ballot, its options and
 * the counters together, committed and synced before the promise resolves. Results are one
 * statement too, so the total and the option counts come from one snapshot.
 */
import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { StartupError } from '../../errors.js';
import type { PollDefinition } from '../poll-file.js';
import type { PollResults, PollStorage, VoteOutcome } from '../storage.js';
import { openPool, SCHEMA_LOCK, type Pool } from './db.js';
import { COUNTER_SLOTS } from './migrations.js';
import { PostgresRateLimitCounters } from './rate-limits.js';

/** The poll and its counts, each the sum of its slots (see migrations.ts), from one snapshot. */
const READ_POLL = {
  name: 'egov-read-poll',
  text: `
    SELECT p.id, p.question, p.multiple, p.closes_at, p.closed,
      (SELECT coalesce(sum(c.votes), 0)::float8 FROM vote_counts c WHERE c.poll_id = p.id AND c.option_id = '') AS total_votes,
      (SELECT json_agg(json_build_object('id', o.id, 'label', o.label, 'votes',
          (SELECT coalesce(sum(c.votes), 0) FROM vote_counts c WHERE c.poll_id = o.poll_id AND c.option_id = o.id))
        ORDER BY o.position)
       FROM options o WHERE o.poll_id = p.id) AS options
    FROM polls p WHERE p.id = $1 AND NOT p.archived`,
};

/**
 * ON CONFLICT DO NOTHING: the primary key decides, and a second request of the same voter (on
 * any process) waits for the first one's commit, then inserts nothing. Counter rows are taken
 * in one order (sorted), so two multiple-choice ballots cannot deadlock.
 */
const CAST_VOTE = {
  name: 'egov-cast-vote',
  text: `
    WITH ballot AS (
      INSERT INTO votes (poll_id, voter) VALUES ($1, $2)
      ON CONFLICT (poll_id, voter) DO NOTHING
      RETURNING poll_id, voter
    ), chosen AS (
      INSERT INTO vote_options (poll_id, voter, option_id)
      SELECT ballot.poll_id, ballot.voter, option_id FROM ballot, unnest($3::text[]) AS option_id
      RETURNING option_id
    ), counted AS (
      INSERT INTO vote_counts (poll_id, option_id, slot, votes)
      SELECT $1, counter, $4, 1
      FROM (SELECT '' AS counter FROM ballot UNION ALL SELECT option_id FROM chosen) AS counters
      ORDER BY counter
      ON CONFLICT (poll_id, option_id, slot) DO UPDATE SET votes = vote_counts.votes + 1
    )
    SELECT count(*)::int AS counted FROM ballot`,
};

interface PollRow {
  id: string;
  question: string;
  multiple: boolean;
  closes_at: Date | null;
  closed: boolean;
  total_votes: number;
  options: { id: string; label: string; votes: number }[] | null;
}

export class PostgresPollStorage implements PollStorage {
  /** Connects, checks and migrates (problems are StartupErrors). */
  static async open(url: string): Promise<PostgresPollStorage> {
    return new PostgresPollStorage(await openPool(url));
  }

  readonly sharedRateLimit: PostgresRateLimitCounters;

  constructor(private readonly pool: Pool) {
    this.sharedRateLimit = new PostgresRateLimitCounters(pool);
  }

  /** One transaction, one process at a time; an option that already has votes may not disappear. */
  async importPolls(definitions: readonly PollDefinition[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (const definition of definitions) await syncPoll(client, definition);
      await client.query('UPDATE polls SET archived = true WHERE NOT (id = ANY($1::text[]))', [
        definitions.map((definition) => definition.id),
      ]);
    });
  }

  async readPoll(pollId: string): Promise<PollResults | undefined> {
    // PostgreSQL text cannot hold NUL (it refuses the query); no poll id, a slug, has one.
    if (pollId.includes('\0')) return undefined;
    const { rows } = await this.pool.query<PollRow>({ ...READ_POLL, values: [pollId] });
    const poll = rows[0];
    if (!poll) return undefined;
    const closesAt = poll.closes_at?.toISOString() ?? null;
    return {
      id: poll.id,
      question: poll.question,
      multiple: poll.multiple,
      closesAt,
      closed: poll.closed || (poll.closes_at !== null && poll.closes_at.getTime() <= Date.now()),
      totalVotes: poll.total_votes,
      options: poll.options ?? [],
    };
  }

  async castVote(pollId: string, voter: string, optionIds: readonly string[]): Promise<VoteOutcome> {
    const slot = randomInt(COUNTER_SLOTS);
    const { rows } = await this.pool.query<{ counted: number }>({ ...CAST_VOTE, values: [pollId, voter, optionIds, slot] });
    return rows[0]!.counted === 1 ? 'counted' : 'already_voted';
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}

async function syncPoll(client: pg.PoolClient, definition: PollDefinition): Promise<void> {
  const existing = await client.query('SELECT 1 FROM polls WHERE id = $1', [definition.id]);
  await client.query(
    `INSERT INTO polls (id, question, multiple, closes_at, closed, archived) VALUES ($1, $2, $3, $4, $5, false)
     ON CONFLICT (id) DO UPDATE SET question = excluded.question, multiple = excluded.multiple,
       closes_at = excluded.closes_at, closed = excluded.closed, archived = false`,
    [definition.id, definition.question, definition.multiple, definition.closesAt, definition.closed],
  );
  for (const [position, option] of definition.options.entries()) {
    await client.query(
      `INSERT INTO options (poll_id, id, label, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (poll_id, id) DO UPDATE SET label = excluded.label, position = excluded.position`,
      [definition.id, option.id, option.label, position],
    );
  }
  await removeDroppedOptions(client, definition);
  // Seeds are demo ballots, stored once like any vote so that counts equal stored votes.
  if (existing.rowCount === 0) await insertSeedVotes(client, definition);
}

async function removeDroppedOptions(client: pg.PoolClient, definition: PollDefinition): Promise<void> {
  const { rows } = await client.query<{ id: string; votes: number }>(
    `SELECT o.id, (SELECT count(*)::int FROM vote_options v WHERE v.poll_id = o.poll_id AND v.option_id = o.id) AS votes
     FROM options o WHERE o.poll_id = $1 AND NOT (o.id = ANY($2::text[]))`,
    [definition.id, definition.options.map((option) => option.id)],
  );
  for (const dropped of rows) {
    if (dropped.votes > 0) {
      throw new StartupError(
        `poll "${definition.id}": option "${dropped.id}" has ${dropped.votes} votes and cannot be removed ` +
          'from the polls file (put it back; its label may change)',
      );
    }
    await client.query('DELETE FROM vote_counts WHERE poll_id = $1 AND option_id = $2', [definition.id, dropped.id]);
    await client.query('DELETE FROM options WHERE poll_id = $1 AND id = $2', [definition.id, dropped.id]);
  }
}

/** A whole option's seeds in one statement: ballots, their option and the counters. */
async function insertSeedVotes(client: pg.PoolClient, definition: PollDefinition): Promise<void> {
  for (const option of definition.options) {
    if (option.seedVotes === 0) continue;
    await client.query(
      `WITH ballots AS (
         INSERT INTO votes (poll_id, voter) SELECT $1, gen_random_uuid() FROM generate_series(1, $3::int)
         RETURNING voter
       ), chosen AS (
         INSERT INTO vote_options (poll_id, voter, option_id) SELECT $1, voter, $2 FROM ballots
       )
       INSERT INTO vote_counts (poll_id, option_id, slot, votes) VALUES ($1, '', 0, $3), ($1, $2, 0, $3)
       ON CONFLICT (poll_id, option_id, slot) DO UPDATE SET votes = vote_counts.votes + excluded.votes`,
      [definition.id, option.id, option.seedVotes],
    );
  }
}
