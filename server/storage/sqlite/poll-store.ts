/**
 * Polls and votes in SQLite: loading the polls file, reading results, casting a vote.
 *
 * better-sqlite3 is synchronous: each method has finished (a vote is committed and synced)
 * when its promise is made, so the `async` only meets the storage interface.
 */
import { randomUUID } from 'node:crypto';
import { StartupError } from '../../errors.js';
import type { PollDefinition } from '../poll-file.js';
import type { PollResults, PollStorage, VoteOutcome } from '../storage.js';
import { openDatabase, type Db } from './db.js';

interface PollRow {
  id: string;
  question: string;
  multiple: number;
  closes_at: string | null;
  closed: number;
  total_votes: number;
}

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

  /** Opens (creating and migrating if needed) the SQLite file; problems are StartupErrors. */
  static open(filePath: string): SqlitePollStorage {
    return new SqlitePollStorage(openDatabase(filePath));
  }

  constructor(private readonly db: Db) {
    this.selectPoll = db.prepare<[string], PollRow>(
      'SELECT id, question, multiple, closes_at, closed, total_votes FROM polls WHERE id = ? AND archived = 0',
    );
    this.selectOptions = db.prepare<[string], OptionRow>(
      'SELECT id, label, votes FROM options WHERE poll_id = ? ORDER BY position',
    );
    this.pollExists = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM polls WHERE id = ?');
    this.upsertPoll = db.prepare<[string, string, number, string | null, number]>(
      `INSERT INTO polls (id, question, multiple, closes_at, closed, archived) VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (id) DO UPDATE SET question = excluded.question, multiple = excluded.multiple,
         closes_at = excluded.closes_at, closed = excluded.closed, archived = 0`,
    );
    this.upsertOption = db.prepare<[string, string, string, number]>(
      `INSERT INTO options (poll_id, id, label, position) VALUES (?, ?, ?, ?)
       ON CONFLICT (poll_id, id) DO UPDATE SET label = excluded.label, position = excluded.position`,
    );
    this.deleteOption = db.prepare<[string, string]>('DELETE FROM options WHERE poll_id = ? AND id = ?');
    this.archiveOthers = db.prepare<[string]>(
      'UPDATE polls SET archived = 1 WHERE id NOT IN (SELECT value FROM json_each(?))',
    );
    // DO NOTHING rather than an exception: "already voted" is an expected answer.
    this.insertVote = db.prepare<[string, string, string]>(
      'INSERT INTO votes (poll_id, voter, created_at) VALUES (?, ?, ?) ON CONFLICT (poll_id, voter) DO NOTHING',
    );
    this.insertVoteOption = db.prepare<[string, string, string]>(
      'INSERT INTO vote_options (poll_id, voter, option_id) VALUES (?, ?, ?)',
    );
    this.selectAnything = db.prepare('SELECT 1 FROM polls LIMIT 1');
  }

  /** One transaction; an option that already has votes may not disappear. */
  async importPolls(definitions: readonly PollDefinition[]): Promise<void> {
    this.db.transaction(() => {
      for (const definition of definitions) this.syncPoll(definition);
      this.archiveOthers.run(JSON.stringify(definitions.map((definition) => definition.id)));
    })();
  }

  async readPoll(pollId: string): Promise<PollResults | undefined> {
    const poll = this.selectPoll.get(pollId);
    if (!poll) return undefined;
    return {
      id: poll.id,
      question: poll.question,
      multiple: poll.multiple === 1,
      closesAt: poll.closes_at,
      closed: poll.closed === 1 || (poll.closes_at !== null && Date.parse(poll.closes_at) <= Date.now()),
      totalVotes: poll.total_votes,
      options: this.selectOptions.all(pollId),
    };
  }

  /** The primary key on (poll, voter) decides a race between two requests of one voter. */
  async castVote(pollId: string, voter: string, optionIds: readonly string[]): Promise<VoteOutcome> {
    // IMMEDIATE takes the write lock at BEGIN, so a second process cannot interleave.
    return this.db.transaction(() => this.insertBallot(pollId, voter, optionIds)).immediate();
  }

  async ping(): Promise<void> {
    this.selectAnything.get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private insertBallot(pollId: string, voter: string, optionIds: readonly string[]): VoteOutcome {
    const inserted = this.insertVote.run(pollId, voter, new Date().toISOString());
    if (inserted.changes === 0) return 'already_voted';
    for (const optionId of optionIds) this.insertVoteOption.run(pollId, voter, optionId);
    return 'counted';
  }

  private syncPoll(definition: PollDefinition): void {
    const isNew = this.pollExists.get(definition.id) === undefined;
    this.upsertPoll.run(
      definition.id,
      definition.question,
      definition.multiple ? 1 : 0,
      definition.closesAt,
      definition.closed ? 1 : 0,
    );
    definition.options.forEach((option, position) => {
      this.upsertOption.run(definition.id, option.id, option.label, position);
    });
    this.removeDroppedOptions(definition);
    // Seeds are demo ballots, stored once like any vote so that counts equal stored votes.
    if (isNew) this.insertSeedVotes(definition);
  }

  private removeDroppedOptions(definition: PollDefinition): void {
    const kept = new Set(definition.options.map((option) => option.id));
    for (const stored of this.selectOptions.all(definition.id)) {
      if (kept.has(stored.id)) continue;
      if (stored.votes > 0) {
        throw new StartupError(
          `poll "${definition.id}": option "${stored.id}" has ${stored.votes} votes and cannot be removed ` +
            'from the polls file (put it back; its label may change)',
        );
      }
      this.deleteOption.run(definition.id, stored.id);
    }
  }

  private insertSeedVotes(definition: PollDefinition): void {
    for (const option of definition.options) {
      for (let count = 0; count < option.seedVotes; count++) {
        this.insertBallot(definition.id, randomUUID(), [option.id]);
      }
    }
  }
}
