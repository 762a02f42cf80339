/**
 * Polls and votes in PostgreSQL: loading the polls file, reading results, casting votes.
 * Several server processes may share the database; every guarantee below holds across them.
 *
 * Votes are committed in groups (group-commit.ts): the ballots that arrive together are judged
 * on one read of their polls, then stored by one statement (so one transaction and one sync):
 * the ballots, their options and the counters, each counter row changed once per batch. Results
 * are read once per batch, one statement for all its polls, so each poll's total and option
 * counts come from one snapshot. Reads of results are grouped the same way.
 */
import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { StartupError } from '../../errors.js';
import { judgeBallots, pollIdsOf, toVoteResults, type PollState } from '../ballots.js';
import { GroupCommit, MAX_BATCH } from '../group-commit.js';
import type { PollDefinition } from '../poll-file.js';
import { closingTimePassed } from '../poll-rules.js';
import type { AdminPoll, AuditEntry, Ballot, CreateOutcome, PollChanges, PollContent, PollResults, PollStorage, UpdateOutcome, VoteOutcome, VoteResult } from '../storage.js';
import { PostgresAccountStorage } from './account-store.js';
import { driverGaveUp, gaveUp, openClient, openPool, SCHEMA_LOCK, type Pool } from './db.js';
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

const READ_POLLS = {
  name: 'egov-read-polls',
  text: `SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = ANY($1::text[]) AND NOT p.archived`,
};
const READ_ADMIN_POLL = { name: 'egov-read-admin-poll', text: `SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1` };
const LIST_POLLS = { name: 'egov-list-polls', text: `SELECT ${POLL_COLUMNS} FROM polls p ORDER BY p.updated_at DESC, p.id COLLATE "C"` };

/** What the ballot rules need of a batch's polls (ballots.ts). */
const READ_STATES = {
  name: 'egov-read-poll-states',
  text: `
    SELECT p.id, p.multiple, p.closed, p.closes_at,
      coalesce((SELECT array_agg(o.id) FROM options o WHERE o.poll_id = p.id), '{}') AS option_ids
    FROM polls p WHERE p.id = ANY($1::text[]) AND NOT p.archived`,
};

/**
 * A batch of ballots in one statement: $1/$2 the ballots (poll, voter), $3/$4/$5 their options
 * (poll, voter, option), $6 the counter slot of this batch. ON CONFLICT DO NOTHING: the primary
 * key decides, and a ballot of a voter that another batch (on any process) is storing waits for
 * that batch's commit, then inserts nothing. Ballots and counter rows are taken in one order
 * (sorted), so two batches cannot deadlock, and each counter row is changed once, by the number
 * of the batch's votes it counts. Returns the ballots stored.
 */
const CAST_VOTES = {
  name: 'egov-cast-votes',
  text: `
    WITH ballot AS (
      INSERT INTO votes (poll_id, voter)
      SELECT poll_id, voter FROM unnest($1::text[], $2::uuid[]) AS b (poll_id, voter) ORDER BY poll_id, voter
      ON CONFLICT (poll_id, voter) DO NOTHING
      RETURNING poll_id, voter
    ), chosen AS (
      INSERT INTO vote_options (poll_id, voter, option_id)
      SELECT c.poll_id, c.voter, c.option_id
      FROM unnest($3::text[], $4::uuid[], $5::text[]) AS c (poll_id, voter, option_id) JOIN ballot USING (poll_id, voter)
      RETURNING poll_id, option_id
    ), counted AS (
      INSERT INTO vote_counts (poll_id, option_id, slot, votes)
      SELECT poll_id, counter, $6, count(*)
      FROM (SELECT poll_id, '' AS counter FROM ballot UNION ALL SELECT poll_id, option_id FROM chosen) AS counters
      GROUP BY poll_id, counter
      ORDER BY poll_id, counter
      ON CONFLICT (poll_id, option_id, slot) DO UPDATE SET votes = vote_counts.votes + excluded.votes
    )
    SELECT poll_id, voter::text AS voter FROM ballot`,
};

/**
 * Batches of votes, and of reads, in progress at once in one process: each holds one pool
 * connection at a time, so both together leave the pool room for the editors' requests.
 */
const BATCHES_IN_FLIGHT = 4;
/** A batch is tried again (judged anew) after these: an option removed meanwhile, a deadlock. */
const RETRIED_CODES = new Set(['23503', '40P01']);
const ATTEMPTS = 3;

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
    return new PostgresPollStorage(await openPool(url, { forRequests: true }), url);
  }

  readonly sharedRateLimit: PostgresRateLimitCounters;
  readonly accounts: PostgresAccountStorage;
  private readonly votes = new GroupCommit<Ballot, VoteResult>((ballots) => this.commitBallots(ballots), {
    maxBatch: MAX_BATCH,
    maxInFlight: BATCHES_IN_FLIGHT,
  });
  private readonly reads = new GroupCommit<string, PollResults | undefined>((pollIds) => this.readResults(pollIds), {
    maxBatch: MAX_BATCH,
    maxInFlight: BATCHES_IN_FLIGHT,
  });

  constructor(
    private readonly pool: Pool,
    /** For the polls file's import at start, on a connection of its own (`openClient`). */
    private readonly url: string,
  ) {
    this.sharedRateLimit = new PostgresRateLimitCounters(pool);
    this.accounts = new PostgresAccountStorage(pool);
  }

  /**
   * One transaction, one process at a time; an option that already has votes may not disappear.
   * Polls an editor has created or changed are left as they are.
   */
  async importPolls(definitions: readonly PollDefinition[]): Promise<void> {
    // Not on the pool, whose queries give up after 3 s: another process may hold the lock longer.
    const own = await openClient(this.url);
    try {
      await this.transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        for (const definition of definitions) await syncPoll(client, definition);
        await client.query(
          `UPDATE polls SET archived = true, updated_at = now()
           WHERE NOT archived AND NOT managed_by_admin AND NOT (id = ANY($1::text[]))`,
          [definitions.map((definition) => definition.id)],
        );
      }, own);
    } finally {
      await own.end().catch(() => undefined);
    }
  }

  readPoll(pollId: string): Promise<PollResults | undefined> {
    return this.reads.submit(pollId);
  }

  castVote(ballot: Ballot): Promise<VoteResult> {
    return this.votes.submit(ballot);
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

  async updatePoll(pollId: string, changes: PollChanges, audit: readonly AuditEntry[], basedOn?: string): Promise<UpdateOutcome> {
    let outcome: UpdateOutcome = { outcome: 'saved' };
    try {
      await this.transaction(async (client) => {
        if (basedOn !== undefined) {
          // Locked until the commit: a change from another process waits, then sees this one's updated_at.
          const { rows } = await client.query<{ updated_at: Date }>('SELECT updated_at FROM polls WHERE id = $1 FOR UPDATE', [pollId]);
          // Compared as the editors' API shows it (toAdminPoll): milliseconds, where the column keeps microseconds.
          if (rows[0] && rows[0].updated_at.toISOString() !== basedOn) {
            outcome = { outcome: 'poll_changed' };
            return;
          }
        }
        // updated_at moves forward, by 1 ms at least (two changes in one millisecond, another
        // process's clock behind this one's): each version has its own.
        const updated = await client.query(
          `UPDATE polls SET
             question = CASE WHEN $2 THEN $3 ELSE question END,
             closes_at = CASE WHEN $4 THEN $5::timestamptz ELSE closes_at END,
             closed = CASE WHEN $6 THEN $7 ELSE closed END,
             archived = CASE WHEN $8 THEN $9 ELSE archived END,
             managed_by_admin = true, updated_at = greatest($10::timestamptz, updated_at + interval '1 millisecond')
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

  gaveUp(error: unknown): boolean {
    return gaveUp(error);
  }

  async close(): Promise<void> {
    await Promise.all([this.votes.drain(), this.reads.drain(), this.sharedRateLimit.drain()]);
    if (!this.pool.ended) await this.pool.end();
  }

  private async commitBallots(ballots: readonly Ballot[]): Promise<VoteResult[]> {
    const outcomes = await this.storeBallots(ballots);
    const pollIds = pollIdsOf(ballots);
    const polls = await this.readResults(pollIds);
    const results = new Map<string, PollResults>();
    pollIds.forEach((pollId, index) => polls[index] && results.set(pollId, polls[index]));
    return toVoteResults(ballots, outcomes, results);
  }

  /**
   * Judges the ballots on their polls as they are now, then stores those the rules let through.
   * An option removed between the two (the insert's foreign key refuses it) or a deadlock rolls
   * the statement back whole; the batch is then judged and stored again.
   */
  private async storeBallots(ballots: readonly Ballot[]): Promise<VoteOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const states = await this.readStates(pollIdsOf(ballots));
        const judged = judgeBallots(ballots, (pollId) => states.get(pollId));
        const stored = await this.insertBallots(ballots.filter((_, index) => judged[index] === undefined));
        return judged.map((outcome, index) => {
          if (outcome) return outcome;
          const ballot = ballots[index]!;
          return stored.has(`${ballot.pollId}\n${ballot.voter}`) ? 'counted' : 'already_voted';
        });
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRIED_CODES.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  private async readStates(pollIds: readonly string[]): Promise<Map<string, PollState>> {
    const { rows } = await this.pool.query<PollRow & { option_ids: string[] }>({ ...READ_STATES, values: [storable(pollIds)] });
    return new Map(
      rows.map((row) => [row.id, { multiple: row.multiple, closed: isClosed(row), optionIds: new Set(row.option_ids) }]),
    );
  }

  /** Stores the ballots (no two of one voter); returns the keys (poll, voter) of those stored. */
  private async insertBallots(ballots: readonly Ballot[]): Promise<Set<string>> {
    if (ballots.length === 0) return new Set();
    const chosen = ballots.flatMap((ballot) => ballot.optionIds.map((optionId) => [ballot.pollId, ballot.voter, optionId] as const));
    const values = [
      ballots.map((ballot) => ballot.pollId),
      ballots.map((ballot) => ballot.voter),
      chosen.map(([pollId]) => pollId),
      chosen.map(([, voter]) => voter),
      chosen.map(([, , optionId]) => optionId),
      randomInt(COUNTER_SLOTS),
    ];
    const { rows } = await this.pool.query<{ poll_id: string; voter: string }>({ ...CAST_VOTES, values });
    return new Set(rows.map((row) => `${row.poll_id}\n${row.voter}`));
  }

  /** Results of several polls in one statement, in the order asked (undefined: no such poll). */
  private async readResults(pollIds: readonly string[]): Promise<(PollResults | undefined)[]> {
    const { rows } = await this.pool.query<PollRow>({ ...READ_POLLS, values: [storable(pollIds)] });
    const found = new Map(rows.map((row) => [row.id, toResults(row)]));
    return pollIds.map((pollId) => found.get(pollId));
  }

  /**
   * `work` between BEGIN and COMMIT, on a connection of the pool or on `own`. On a failure the
   * transaction is rolled back; a pool's connection whose query had no answer in time, or that
   * cannot even roll back, is closed, which rolls back too, never handed to the next request.
   */
  private async transaction(work: (client: pg.ClientBase) => Promise<void>, own?: pg.Client): Promise<void> {
    const client = own ?? (await this.pool.connect());
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      // After the driver gave up on a query, that query still holds the connection: a ROLLBACK
      // would wait behind it as long again. Closed, the connection rolls back all the same.
      unusable = driverGaveUp(error) ? (error as Error) : await client.query('ROLLBACK').then(() => undefined, (failure: Error) => failure);
      throw error;
    } finally {
      if (client !== own) (client as pg.PoolClient).release(unusable);
    }
  }
}

/**
 * The ids PostgreSQL can be asked about: text cannot hold NUL (it refuses the whole query), and
 * no poll id, a slug, has one.
 */
function storable(pollIds: readonly string[]): string[] {
  return pollIds.filter((pollId) => !pollId.includes('\0'));
}

/** Closed by hand, or its closing time has passed. */
function isClosed(poll: Pick<PollRow, 'closed' | 'closes_at'>): boolean {
  return poll.closed || closingTimePassed(poll.closes_at);
}

function toResults(poll: PollRow): PollResults {
  return {
    id: poll.id,
    question: poll.question,
    multiple: poll.multiple,
    closesAt: poll.closes_at?.toISOString() ?? null,
    closed: isClosed(poll),
    totalVotes: poll.total_votes,
    options: poll.options ?? [],
  };
}

function toAdminPoll(poll: PollRow): AdminPoll {
  return { ...toResults(poll), archived: poll.archived, updatedAt: poll.updated_at.toISOString() };
}

async function syncPoll(client: pg.ClientBase, definition: PollDefinition): Promise<void> {
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
async function replaceOptions(client: pg.ClientBase, pollId: string, options: readonly { id: string; label: string }[]): Promise<void> {
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

async function upsertOptions(client: pg.ClientBase, pollId: string, options: readonly { id: string; label: string }[]): Promise<void> {
  for (const [position, option] of options.entries()) {
    await client.query(
      `INSERT INTO options (poll_id, id, label, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (poll_id, id) DO UPDATE SET label = excluded.label, position = excluded.position`,
      [pollId, option.id, option.label, position],
    );
  }
}

async function writeAudit(client: pg.Pool | pg.ClientBase, entry: AuditEntry): Promise<void> {
  await client.query('INSERT INTO audit (at, actor, action, poll_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.at,
    entry.actor,
    entry.action,
    entry.pollId,
    entry.detail,
  ]);
}

/** A whole option's seeds in one statement: ballots, their option and the counters. */
async function insertSeedVotes(client: pg.ClientBase, definition: PollDefinition): Promise<void> {
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
