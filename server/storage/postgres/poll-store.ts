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
import type {
  AdminPoll,
  AuditEntry,
  CreateOutcome,
  PollChanges,
  PollContent,
  PollResults,
  PollStorage,
  UpdateOutcome,
  VoteOutcome,
} from '../storage.js';
import { PostgresAccountStorage } from './account-store.js';
import { openPool, SCHEMA_LOCK, type Pool } from './db.js';
import { COUNTER_SLOTS } from './migrations.js';
import { PostgresRateLimitCounters } from './rate-limits.js';

/** A poll and its counts, each the sum of its slots (see migrations.ts), from one snapshot. */
const POLL_COLUMNS = `
  p.id, p.question, p.multiple, p.closes_at, p.closed, p.archived, p.updated_at,
  (SELECT coalesce(sum(c.votes), 0)::float8 FROM vote_counts c WHERE c.poll_id = p.id AND c.option_id = '') AS total_votes,
  (SELECT json_agg(json_build_object('id', o.id, 'label', o.label, 'votes',
      (SELECT coalesce(sum(c.votes), 0) FROM vote_counts c WHERE c.poll_id = o.poll_id AND c.option_id = o.id))
    ORDER BY o.position)
   FROM options o WHERE o.poll_id = p.id) AS options`;

const READ_POLL = { name: 'egov-read-poll', text: `SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1 AND NOT p.archived` };
const READ_ADMIN_POLL = { name: 'egov-read-admin-poll', text: `SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1` };
const LIST_POLLS = { name: 'egov-list-polls', text: `SELECT ${POLL_COLUMNS} FROM polls p ORDER BY p.updated_at DESC, p.id COLLATE "C"` };

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
  archived: boolean;
  updated_at: Date;
  total_votes: number;
  options: { id: string; label: string; votes: number }[] | null;
}

/** Thrown inside a transaction to roll it back; becomes the `option_has_votes` outcome. */
class OptionHasVotes extends Error {
  constructor(
    readonly optionId: string,
    readonly votes: number,
  ) {
    super(`option "${optionId}" has votes`);
  }
}

export class PostgresPollStorage implements PollStorage {
  /** Connects, checks and migrates (problems are StartupErrors). */
  static async open(url: string): Promise<PostgresPollStorage> {
    return new PostgresPollStorage(await openPool(url));
  }

  readonly sharedRateLimit: PostgresRateLimitCounters;
  readonly accounts: PostgresAccountStorage;

  constructor(private readonly pool: Pool) {
    this.sharedRateLimit = new PostgresRateLimitCounters(pool);
    this.accounts = new PostgresAccountStorage(pool);
  }

  /**
   * One transaction, one process at a time; an option that already has votes may not disappear.
   * Polls an editor has created or changed are left as they are.
   */
  async importPolls(definitions: readonly PollDefinition[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (const definition of definitions) await syncPoll(client, definition);
      await client.query(
        `UPDATE polls SET archived = true, updated_at = now()
         WHERE NOT archived AND NOT managed_by_admin AND NOT (id = ANY($1::text[]))`,
        [definitions.map((definition) => definition.id)],
      );
    });
  }

  async readPoll(pollId: string): Promise<PollResults | undefined> {
    // PostgreSQL text cannot hold NUL (it refuses the query); no poll id, a slug, has one.
    if (pollId.includes('\0')) return undefined;
    const { rows } = await this.pool.query<PollRow>({ ...READ_POLL, values: [pollId] });
    return rows[0] && toResults(rows[0]);
  }

  async castVote(pollId: string, voter: string, optionIds: readonly string[]): Promise<VoteOutcome> {
    const slot = randomInt(COUNTER_SLOTS);
    const { rows } = await this.pool.query<{ counted: number }>({ ...CAST_VOTE, values: [pollId, voter, optionIds, slot] });
    return rows[0]!.counted === 1 ? 'counted' : 'already_voted';
  }

  async listPolls(): Promise<AdminPoll[]> {
    const { rows } = await this.pool.query<PollRow>(LIST_POLLS);
    return rows.map(toAdminPoll);
  }

  async readAdminPoll(pollId: string): Promise<AdminPoll | undefined> {
    if (pollId.includes('\0')) return undefined;
    const { rows } = await this.pool.query<PollRow>({ ...READ_ADMIN_POLL, values: [pollId] });
    return rows[0] && toAdminPoll(rows[0]);
  }

  async createPoll(poll: PollContent, audit: AuditEntry): Promise<CreateOutcome> {
    let outcome: CreateOutcome = 'created';
    await this.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO polls (id, question, multiple, closes_at, closed, archived, managed_by_admin, updated_at)
         VALUES ($1, $2, $3, $4, $5, false, true, $6) ON CONFLICT (id) DO NOTHING`,
        [poll.id, poll.question, poll.multiple, poll.closesAt, poll.closed, audit.at],
      );
      if (inserted.rowCount === 0) {
        outcome = 'id_taken';
        return;
      }
      await upsertOptions(client, poll.id, poll.options);
      await writeAudit(client, audit);
    });
    return outcome;
  }

  async updatePoll(pollId: string, changes: PollChanges, audit: readonly AuditEntry[]): Promise<UpdateOutcome> {
    let outcome: UpdateOutcome = { outcome: 'saved' };
    try {
      await this.transaction(async (client) => {
        const updated = await client.query(
          `UPDATE polls SET
             question = CASE WHEN $2 THEN $3 ELSE question END,
             closes_at = CASE WHEN $4 THEN $5::timestamptz ELSE closes_at END,
             closed = CASE WHEN $6 THEN $7 ELSE closed END,
             archived = CASE WHEN $8 THEN $9 ELSE archived END,
             managed_by_admin = true, updated_at = $10
           WHERE id = $1`,
          [
            pollId,
            changes.question !== undefined,
            changes.question ?? null,
            changes.closesAt !== undefined,
            changes.closesAt ?? null,
            changes.closed !== undefined,
            changes.closed ?? false,
            changes.archived !== undefined,
            changes.archived ?? false,
            audit[0]?.at ?? new Date().toISOString(),
          ],
        );
        if (updated.rowCount === 0) {
          outcome = { outcome: 'not_found' };
          return;
        }
        if (changes.options) await replaceOptions(client, pollId, changes.options);
        for (const entry of audit) await writeAudit(client, entry);
      });
    } catch (error) {
      if (error instanceof OptionHasVotes) return { outcome: 'option_has_votes', optionId: error.optionId };
      throw error;
    }
    return outcome;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.pool, entry);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<{ at: Date; actor: string; action: AuditEntry['action']; poll_id: string | null; detail: string | null }>(
      'SELECT at, actor, action, poll_id, detail FROM audit ORDER BY seq DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({ at: row.at.toISOString(), actor: row.actor, action: row.action, pollId: row.poll_id, detail: row.detail }));
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

function toResults(poll: PollRow): PollResults {
  return {
    id: poll.id,
    question: poll.question,
    multiple: poll.multiple,
    closesAt: poll.closes_at?.toISOString() ?? null,
    closed: poll.closed || (poll.closes_at !== null && poll.closes_at.getTime() <= Date.now()),
    totalVotes: poll.total_votes,
    options: poll.options ?? [],
  };
}

function toAdminPoll(poll: PollRow): AdminPoll {
  return { ...toResults(poll), archived: poll.archived, updatedAt: poll.updated_at.toISOString() };
}

async function syncPoll(client: pg.PoolClient, definition: PollDefinition): Promise<void> {
  const existing = await client.query<{ managed: boolean }>('SELECT managed_by_admin AS managed FROM polls WHERE id = $1', [definition.id]);
  if (existing.rows[0]?.managed) return;
  // updated_at moves only when the file really changed the poll.
  await client.query(
    `INSERT INTO polls (id, question, multiple, closes_at, closed, archived, updated_at) VALUES ($1, $2, $3, $4, $5, false, now())
     ON CONFLICT (id) DO UPDATE SET question = excluded.question, multiple = excluded.multiple,
       closes_at = excluded.closes_at, closed = excluded.closed, archived = false,
       updated_at = CASE WHEN (polls.question, polls.multiple, polls.closes_at, polls.closed, polls.archived)
         IS NOT DISTINCT FROM (excluded.question, excluded.multiple, excluded.closes_at, excluded.closed, false)
         THEN polls.updated_at ELSE excluded.updated_at END`,
    [definition.id, definition.question, definition.multiple, definition.closesAt, definition.closed],
  );
  try {
    await replaceOptions(client, definition.id, definition.options);
  } catch (error) {
    if (!(error instanceof OptionHasVotes)) throw error;
    throw new StartupError(
      `poll "${definition.id}": option "${error.optionId}" has ${error.votes} votes and cannot be removed ` +
        'from the polls file (put it back; its label may change)',
    );
  }
  // Seeds are demo ballots, stored once like any vote so that counts equal stored votes.
  if (existing.rowCount === 0) await insertSeedVotes(client, definition);
}

/**
 * Makes the poll's options exactly `options`, in that order, or throws OptionHasVotes (the
 * caller's transaction rolls back) when a stored option with votes is missing from the list.
 * The options are locked first: a vote on one of them (its foreign key check) waits for this
 * transaction, so none can land between the count and the delete.
 */
async function replaceOptions(client: pg.PoolClient, pollId: string, options: readonly { id: string; label: string }[]): Promise<void> {
  await client.query('SELECT 1 FROM options WHERE poll_id = $1 FOR UPDATE', [pollId]);
  const { rows } = await client.query<{ id: string; votes: number }>(
    `SELECT o.id, (SELECT count(*)::int FROM vote_options v WHERE v.poll_id = o.poll_id AND v.option_id = o.id) AS votes
     FROM options o WHERE o.poll_id = $1 AND NOT (o.id = ANY($2::text[]))`,
    [pollId, options.map((option) => option.id)],
  );
  const withVotes = rows.find((dropped) => dropped.votes > 0);
  if (withVotes) throw new OptionHasVotes(withVotes.id, withVotes.votes);
  for (const dropped of rows) {
    await client.query('DELETE FROM vote_counts WHERE poll_id = $1 AND option_id = $2', [pollId, dropped.id]);
    await client.query('DELETE FROM options WHERE poll_id = $1 AND id = $2', [pollId, dropped.id]);
  }
  await upsertOptions(client, pollId, options);
}

async function upsertOptions(client: pg.PoolClient, pollId: string, options: readonly { id: string; label: string }[]): Promise<void> {
  for (const [position, option] of options.entries()) {
    await client.query(
      `INSERT INTO options (poll_id, id, label, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (poll_id, id) DO UPDATE SET label = excluded.label, position = excluded.position`,
      [pollId, option.id, option.label, position],
    );
  }
}

async function writeAudit(client: pg.Pool | pg.PoolClient, entry: AuditEntry): Promise<void> {
  await client.query('INSERT INTO audit (at, actor, action, poll_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.at,
    entry.actor,
    entry.action,
    entry.pollId,
    entry.detail,
  ]);
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
