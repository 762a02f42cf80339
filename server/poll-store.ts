/**
 * Polls and votes in SQLite: loading the polls file, reading results, casting a vote.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { StartupError } from './errors.js';
import type { PollDefinition } from './poll-file.js';

/** The body of `GET /api/polls/:id` (and of a `201`), as docs/api.md defines it. */
export interface PollResults {
  id: string;
  question: string;
  multiple: boolean;
  closesAt: string | null;
  closed: boolean;
  /** Ballots cast; in a multiple-choice poll the option counts may add up to more. */
  totalVotes: number;
  options: { id: string; label: string; votes: number }[];
}

export type VoteOutcome = 'counted' | 'already_voted';

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

export class PollStore {
  private readonly selectPoll;
  private readonly selectOptions;
  private readonly pollExists;
  private readonly upsertPoll;
  private readonly upsertOption;
  private readonly deleteOption;
  private readonly archiveOthers;
  private readonly insertVote;
  private readonly insertVoteOption;

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
  }

  /**
   * Makes the database match the polls file, in one transaction: polls and options are
   * inserted or updated, polls missing from the file are archived (their votes kept), and
   * an option that already has votes may not disappear, since that would lose votes.
   */
  sync(definitions: readonly PollDefinition[]): void {
    this.db.transaction(() => {
      for (const definition of definitions) this.syncPoll(definition);
      this.archiveOthers.run(JSON.stringify(definitions.map((definition) => definition.id)));
    })();
  }

  /** The poll and its current counts, or undefined when there is no such poll. */
  read(pollId: string): PollResults | undefined {
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

  /**
   * Records one ballot. The primary key on (poll, voter) decides a race between two
   * requests of one voter; the caller has checked that the options belong to the poll.
   */
  castVote(pollId: string, voter: string, optionIds: readonly string[]): VoteOutcome {
    // IMMEDIATE takes the write lock at BEGIN, so a second process cannot interleave.
    return this.db.transaction(() => this.insertBallot(pollId, voter, optionIds)).immediate();
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
