/**
 * What the HTTP routes need from storage, whatever keeps the data (today SQLite, in
 * `sqlite/`). Every method is asynchronous so that a network database can stand behind the
 * same interface; a method that resolves has finished its work (a vote is committed).
 */
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

export interface PollStorage {
  /**
   * Makes storage match the polls file, all or nothing: polls and options are inserted or
   * updated, polls missing from the file are archived (their votes kept). Throws a
   * StartupError when that would lose votes.
   */
  importPolls(definitions: readonly PollDefinition[]): Promise<void>;
  /** The poll and its current counts, or undefined when there is no such (unarchived) poll. */
  readPoll(pollId: string): Promise<PollResults | undefined>;
  /**
   * Records one ballot, durably, before resolving. One ballot per voter per poll, also when
   * two requests race; the caller has checked that the options belong to the poll.
   */
  castVote(pollId: string, voter: string, optionIds: readonly string[]): Promise<VoteOutcome>;
  /** Resolves when storage answers a query, rejects otherwise (`GET /api/health`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
