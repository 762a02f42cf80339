/**
 * Polls and votes in SQLite: loading the polls file, reading results, casting votes.
 *
 * better-sqlite3 is synchronous: each method but `castVote` has finished when its promise is
 * made, so the `async` only meets the storage interface. Votes are committed in groups
 * (group-commit.ts): the ballots of one turn of the event loop share one IMMEDIATE
 * transaction, hence one fsync, and `castVote` resolves once that transaction has committed.
 * The server's storage runs those transactions on a thread of its own (commit-thread.ts), so
 * that the event loop goes on reading and answering requests while a batch is synced.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { StartupError } from '../../errors.js';
import { judgeBallots, pollIdsOf, pollStateOf, toVoteResults, type PollState } from '../ballots.js';
import { GroupCommit, MAX_BATCH } from '../group-commit.js';
import type { PollDefinition } from '../poll-file.js';
import { closingTimePassed } from '../poll-rules.js';
import type { AdminPoll, AuditEntry, Ballot, CreateOutcome, PollChanges, PollContent, PollResults, PollStorage, UpdateOutcome, VoteOutcome, VoteResult } from '../storage.js';
import { SqliteAccountStorage } from './account-store.js';
import { Checkpointer } from './checkpointer.js';
import { CommitThread } from './commit-thread.js';
import { openDatabase, type Db } from './db.js';

/** A row of `polls` as SQLite returns it (also read by `postgres/copy-from-sqlite.ts`). */
export interface PollRow {
  id: string;
  question: string;
  multiple: number;
  closes_at: string | null;
  closed: number;
  total_votes: number;
}

export interface AdminPollRow extends PollRow {
  archived: number;
  updated_at: string;
}

interface AuditRow {
  at: string;
  actor: string;
  action: AuditEntry['action'];
  poll_id: string | null;
  detail: string | null;
}

interface AdminPollUpdate {
  id: string;
  updated_at: string;
  /** The `updated_at` the change is based on, or null to change whatever version is stored. */
  based_on: string | null;
  set_question: number;
  question: string | null;
  set_closes_at: number;
  closes_at: string | null;
  set_closed: number;
  closed: number;
  set_archived: number;
  archived: number;
}

const ADMIN_POLL_COLUMNS = 'id, question, multiple, closes_at, closed, total_votes, archived, updated_at';

interface OptionRow {
  id: string;
  label: string;
  votes: number;
}

export class SqlitePollStorage implements PollStorage {
  private readonly selectPoll;
  private readonly selectOptions;
  private readonly pollExists;
  private readonly upsertPoll;
  private readonly upsertOption;
  private readonly deleteOption;
  private readonly archiveOthers;
  private readonly insertVote;
  private readonly insertVoteOption;
  private readonly selectAnything;
  private readonly selectManaged;
  private readonly selectAdminPoll;
  private readonly selectAdminPolls;
  private readonly insertAdminPoll;
  private readonly updateAdminPoll;
  private readonly insertAudit;
  private readonly selectAudit;
  private readonly votes = new GroupCommit<Ballot, VoteResult>((ballots) => this.commitBallots(ballots), {
    maxBatch: MAX_BATCH,
    // One writer: a batch is whatever arrived while the previous one was being synced.
    maxInFlight: 1,
  });
  readonly accounts: SqliteAccountStorage;

  /**
   * Opens (creating and migrating if needed) the SQLite file; problems are StartupErrors. The
   * server's storage commits votes on a thread of its own (commit-thread.ts) and checkpoints
   * the log on another (checkpointer.ts).
   */
  static open(filePath: string): SqlitePollStorage {
    const db = openDatabase(filePath);
    const checkpointer = new Checkpointer(db);
    const committer = new CommitThread({ file: db.name, autocheckpointPages: checkpointer.autocheckpointPages });
    checkpointer.onFailure((pages) => committer.setAutocheckpoint(pages));
    return new SqlitePollStorage(db, checkpointer, committer);
  }

  /**
   * Without a checkpointer, commits checkpoint the log themselves (SQLite's default); without a
   * commit thread, votes are committed on this thread.
   */
  constructor(
    private readonly db: Db,
    private readonly checkpointer?: Checkpointer,
    private readonly committer?: CommitThread,
  ) {
    this.accounts = new SqliteAccountStorage(db);
    this.selectPoll = db.prepare<[string], PollRow>(
      'SELECT id, question, multiple, closes_at, closed, total_votes FROM polls WHERE id = ? AND archived = 0',
    );
    this.selectOptions = db.prepare<[string], OptionRow>(
      'SELECT id, label, votes FROM options WHERE poll_id = ? ORDER BY position',
    );
    this.pollExists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM polls WHERE id = ?');
    // updated_at moves only when the file really changed the poll.
    this.upsertPoll = db.prepare<[string, string, number, string | null, number, string]>(
      `INSERT INTO polls (id, question, multiple, closes_at, closed, archived, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT (id) DO UPDATE SET question = excluded.question, multiple = excluded.multiple,
         closes_at = excluded.closes_at, closed = excluded.closed, archived = 0,
         updated_at = CASE WHEN (polls.question, polls.multiple, polls.closes_at, polls.closed, polls.archived)
           IS (excluded.question, excluded.multiple, excluded.closes_at, excluded.closed, 0)
           THEN polls.updated_at ELSE excluded.updated_at END`,
    );
    this.upsertOption = db.prepare<[string, string, string, number]>(
      `INSERT INTO options (poll_id, id, label, position) VALUES (?, ?, ?, ?)
       ON CONFLICT (poll_id, id) DO UPDATE SET label = excluded.label, position = excluded.position`,
    );
    this.deleteOption = db.prepare<[string, string]>('DELETE FROM options WHERE poll_id = ? AND id = ?');
    // The editors' own polls are not the file's to archive.
    this.archiveOthers = db.prepare<[string, string]>(
      `UPDATE polls SET archived = 1, updated_at = ?
       WHERE archived = 0 AND managed_by_admin = 0 AND id NOT IN (SELECT value FROM json_each(?))`,
    );
    // DO NOTHING rather than an exception: "already voted" is an expected answer.
    this.insertVote = db.prepare<[string, string, string]>(
      'INSERT INTO votes (poll_id, voter, created_at) VALUES (?, ?, ?) ON CONFLICT (poll_id, voter) DO NOTHING',
    );
    this.insertVoteOption = db.prepare<[string, string, string]>(
      'INSERT INTO vote_options (poll_id, voter, option_id) VALUES (?, ?, ?)',
    );
    this.selectAnything = db.prepare('SELECT 1 FROM polls LIMIT 1');
    this.selectManaged = db.prepare<[string], { managed: number }>(
      'SELECT managed_by_admin AS managed FROM polls WHERE id = ?',
    );
    this.selectAdminPoll = db.prepare<[string], AdminPollRow>(`SELECT ${ADMIN_POLL_COLUMNS} FROM polls WHERE id = ?`);
    this.selectAdminPolls = db.prepare<[], AdminPollRow>(
      `SELECT ${ADMIN_POLL_COLUMNS} FROM polls ORDER BY updated_at DESC, id`,
    );
    this.insertAdminPoll = db.prepare<[string, string, number, string | null, number, string]>(
      `INSERT INTO polls (id, question, multiple, closes_at, closed, archived, managed_by_admin, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, 1, ?) ON CONFLICT (id) DO NOTHING`,
    );
    // A field whose "set_" flag is 0 keeps its value. updated_at moves forward, by 1 ms at least
    // (two changes in one millisecond, a clock set back): each version has its own.
    this.updateAdminPoll = db.prepare<[AdminPollUpdate]>(
      `UPDATE polls SET
         question = CASE WHEN @set_question THEN @question ELSE question END,
         closes_at = CASE WHEN @set_closes_at THEN @closes_at ELSE closes_at END,
         closed = CASE WHEN @set_closed THEN @closed ELSE closed END,
         archived = CASE WHEN @set_archived THEN @archived ELSE archived END,
         managed_by_admin = 1,
         updated_at = CASE WHEN @updated_at > updated_at THEN @updated_at
           ELSE strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds') END
       WHERE id = @id AND (@based_on IS NULL OR updated_at = @based_on)`,
    );
    this.insertAudit = db.prepare<[string, string, string, string | null, string | null]>(
      'INSERT INTO audit (at, actor, action, poll_id, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectAudit = db.prepare<[number], AuditRow>(
      'SELECT at, actor, action, poll_id, detail FROM audit ORDER BY seq DESC LIMIT ?',
    );
  }

  /**
   * One transaction; an option that already has votes may not disappear. Polls an editor has
   * created or changed are left as they are.
   */
  async importPolls(definitions: readonly PollDefinition[]): Promise<void> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const definition of definitions) {
        if (this.selectManaged.get(definition.id)?.managed !== 1) this.syncPoll(definition, now);
      }
      this.archiveOthers.run(now, JSON.stringify(definitions.map((definition) => definition.id)));
    })();
  }

  async readPoll(pollId: string): Promise<PollResults | undefined> {
    return this.readResults(pollId);
  }

  castVote(ballot: Ballot): Promise<VoteResult> {
    return this.votes.submit(ballot);
  }

  async listPolls(): Promise<AdminPoll[]> {
    return this.selectAdminPolls.all().map((row) => this.toAdminPoll(row));
  }

  async readAdminPoll(pollId: string): Promise<AdminPoll | undefined> {
    const row = this.selectAdminPoll.get(pollId);
    return row && this.toAdminPoll(row);
  }

  async createPoll(poll: PollContent, audit: AuditEntry): Promise<CreateOutcome> {
    return this.db.transaction((): CreateOutcome => {
      const { id, question, multiple, closesAt, closed } = poll;
      const inserted = this.insertAdminPoll.run(id, question, multiple ? 1 : 0, closesAt, closed ? 1 : 0, audit.at);
      if (inserted.changes === 0) return 'id_taken';
      poll.options.forEach((option, position) => this.upsertOption.run(id, option.id, option.label, position));
      this.writeAudit(audit);
      return 'created';
    })();
  }

  async updatePoll(pollId: string, changes: PollChanges, audit: readonly AuditEntry[], basedOn?: string): Promise<UpdateOutcome> {
    const save = this.db.transaction((): UpdateOutcome => {
      const at = audit[0]?.at ?? new Date().toISOString();
      const updated = this.updateAdminPoll.run(toUpdateParameters(pollId, changes, at, basedOn));
      if (updated.changes === 0) return { outcome: this.selectManaged.get(pollId) ? 'poll_changed' : 'not_found' };
      if (changes.options) {
        const blocked = this.replaceOptions(pollId, changes.options);
        // Thrown, so that the poll row is rolled back too: a 409 changes nothing.
        if (blocked) throw new OptionHasVotes(blocked.id);
      }
      for (const entry of audit) this.writeAudit(entry);
      return { outcome: 'saved' };
    });
    try {
      // IMMEDIATE: no vote can land on an option between the check and the delete.
      return save.immediate();
    } catch (error) {
      if (error instanceof OptionHasVotes) return { outcome: 'option_has_votes', optionId: error.optionId };
      throw error;
    }
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.writeAudit(entry);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.selectAudit.all(limit).map((row) => ({
      at: row.at,
      actor: row.actor,
      action: row.action,
      pollId: row.poll_id,
      detail: row.detail,
    }));
  }

  async ping(): Promise<void> {
    this.selectAnything.get();
  }

  /**
   * Another program holding the file's write lock past `busy_timeout` (a `sqlite3` shell left in a
   * transaction, a script writing to it): SQLite gives up waiting with SQLITE_BUSY.
   */
  gaveUp(error: unknown): boolean {
    return /^SQLITE_BUSY/.test(String((error as { code?: unknown } | undefined)?.code));
  }

  async close(): Promise<void> {
    await this.votes.drain();
    this.committer?.close();
    this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }

  private async commitBallots(ballots: readonly Ballot[]): Promise<VoteResult[]> {
    let results: VoteResult[];
    if (this.committer?.working) {
      results = await this.committer.commit(ballots);
    } else {
      // On this thread, after the previous batch's answers are written (group-commit.ts hands
      // the next batch over before writing them).
      await nextTurn();
      results = this.commitNow(ballots);
    }
    this.checkpointer?.request();
    return results;
  }

  /**
   * Commits a batch on this thread (the commit thread's storage does, commit-worker.ts). One
   * IMMEDIATE transaction: it takes the write lock at BEGIN, so neither an editor's change
   * (another connection) nor a second process can come between the rules and the inserts. The
   * primary key on (poll, voter) decides between two requests of one voter.
   */
  commitNow(ballots: readonly Ballot[]): VoteResult[] {
    const outcomes = this.db
      .transaction(() => {
        const states = new Map<string, PollState | undefined>();
        const stateOf = (pollId: string): PollState | undefined => {
          if (!states.has(pollId)) states.set(pollId, this.readState(pollId));
          return states.get(pollId);
        };
        return judgeBallots(ballots, stateOf).map(
          (outcome, index) => outcome ?? this.insertBallot(ballots[index]!.pollId, ballots[index]!.voter, ballots[index]!.optionIds),
        );
      })
      .immediate();
    // Committed: the results, once per poll, include every ballot of the batch.
    const results = new Map<string, PollResults>();
    for (const pollId of pollIdsOf(ballots)) {
      const poll = this.readResults(pollId);
      if (poll) results.set(pollId, poll);
    }
    return toVoteResults(ballots, outcomes, results);
  }

  private readState(pollId: string): PollState | undefined {
    const poll = this.readResults(pollId);
    return poll && pollStateOf(poll);
  }

  private readResults(pollId: string): PollResults | undefined {
    const row = this.selectPoll.get(pollId);
    return row && this.toResults(row);
  }

  private toResults(row: PollRow): PollResults {
    return {
      id: row.id,
      question: row.question,
      multiple: row.multiple === 1,
      closesAt: row.closes_at,
      closed: isClosed(row),
      totalVotes: row.total_votes,
      options: this.selectOptions.all(row.id),
    };
  }

  private insertBallot(pollId: string, voter: string, optionIds: readonly string[]): VoteOutcome {
    const inserted = this.insertVote.run(pollId, voter, new Date().toISOString());
    if (inserted.changes === 0) return 'already_voted';
    for (const optionId of optionIds) this.insertVoteOption.run(pollId, voter, optionId);
    return 'counted';
  }

  private syncPoll(definition: PollDefinition, now: string): void {
    const isNew = this.pollExists.get(definition.id) === undefined;
    this.upsertPoll.run(
      definition.id,
      definition.question,
      definition.multiple ? 1 : 0,
      definition.closesAt,
      definition.closed ? 1 : 0,
      now,
    );
    const blocked = this.replaceOptions(definition.id, definition.options);
    if (blocked) {
      throw new StartupError(
        `poll "${definition.id}": option "${blocked.id}" has ${blocked.votes} votes and cannot be removed ` +
          'from the polls file (put it back; its label may change)',
      );
    }
    // Seeds are demo ballots, stored once like any vote so that counts equal stored votes.
    if (isNew) this.insertSeedVotes(definition);
  }

  /**
   * Makes the poll's options exactly `options`, in that order. Returns, without deleting
   * anything, a stored option with votes that is missing from the list; the caller rolls back.
   */
  private replaceOptions(pollId: string, options: readonly { id: string; label: string }[]): OptionRow | undefined {
    const kept = new Set(options.map((option) => option.id));
    const dropped = this.selectOptions.all(pollId).filter((stored) => !kept.has(stored.id));
    const withVotes = dropped.find((stored) => stored.votes > 0);
    if (withVotes) return withVotes;
    for (const stored of dropped) this.deleteOption.run(pollId, stored.id);
    options.forEach((option, position) => this.upsertOption.run(pollId, option.id, option.label, position));
    return undefined;
  }

  private writeAudit(entry: AuditEntry): void {
    this.insertAudit.run(entry.at, entry.actor, entry.action, entry.pollId, entry.detail);
  }

  private toAdminPoll(row: AdminPollRow): AdminPoll {
    return { ...this.toResults(row), archived: row.archived === 1, updatedAt: row.updated_at };
  }

  private insertSeedVotes(definition: PollDefinition): void {
    for (const option of definition.options) {
      for (let count = 0; count < option.seedVotes; count++) {
        this.insertBallot(definition.id, randomUUID(), [option.id]);
      }
    }
  }
}

function toUpdateParameters(id: string, changes: PollChanges, at: string, basedOn: string | undefined): AdminPollUpdate {
  return {
    id,
    updated_at: at,
    based_on: basedOn ?? null,
    set_question: changes.question === undefined ? 0 : 1,
    question: changes.question ?? null,
    set_closes_at: changes.closesAt === undefined ? 0 : 1,
    closes_at: changes.closesAt ?? null,
    set_closed: changes.closed === undefined ? 0 : 1,
    closed: changes.closed ? 1 : 0,
    set_archived: changes.archived === undefined ? 0 : 1,
    archived: changes.archived ? 1 : 0,
  };
}

/** Closed by hand, or its closing time has passed. */
function isClosed(poll: PollRow): boolean {
  return poll.closed === 1 || closingTimePassed(poll.closes_at);
}

/** Thrown inside a transaction to roll it back; becomes the `option_has_votes` outcome. */
class OptionHasVotes extends Error {
  constructor(readonly optionId: string) {
    super(`option "${optionId}" has votes`);
  }
}
