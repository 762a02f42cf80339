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

/** One client's count in the current rate-limit window. */
export interface RateLimitCount {
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Rate-limit counters that every server process on one storage shares, so that the limit is
 * per client across all of them. Keys are already salted hashes of client addresses; the salt
 * itself is shared through storage too (a key made by one process must match another's).
 */
export interface SharedRateLimitCounters {
  /** The salt every process hashes client addresses with, made once at random. */
  salt(): Promise<Buffer>;
  /** Adds one to the key's count in its current window (a new window once the old has passed). */
  incr(key: string, windowMs: number): Promise<RateLimitCount>;
  /** The count without adding to it: 0 when the key has no current window. */
  read(key: string, windowMs: number): Promise<RateLimitCount>;
}

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
  /**
   * Counters shared by every process on this storage (PostgreSQL); undefined when one process
   * owns the storage (SQLite), which then counts in its own memory.
   */
  readonly sharedRateLimit?: SharedRateLimitCounters;
  /** Resolves when storage answers a query, rejects otherwise (`GET /api/health`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
