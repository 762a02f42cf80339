/**
 * What the HTTP routes need from storage, whatever keeps the data (today SQLite, in
 * `sqlite/`): polls and votes, and for the editors' API their polls, accounts, sessions and
 * audit trail. Every method is asynchronous so that a network database can stand behind the
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

/** One request's ballot: the voter's UUID and the options chosen (already checked by the schema). */
export interface Ballot {
  pollId: string;
  voter: string;
  optionIds: readonly string[];
}

/**
 * What became of one ballot. Storage decides every outcome in the transaction that stores the
 * ballot, so a poll closed or an option removed a moment before is never counted.
 */
export type VoteOutcome = 'counted' | 'already_voted' | 'not_found' | 'closed' | 'unknown_option' | 'too_many_options';

export interface VoteResult {
  outcome: VoteOutcome;
  /** The poll's results once the ballot's transaction committed; undefined when `not_found`. */
  poll: PollResults | undefined;
}

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

/** A poll as editors see it (`GET /api/admin/polls`): archived ones too. */
export interface AdminPoll extends PollResults {
  archived: boolean;
  /** ISO 8601 UTC: the last change, from the polls file or the editors' API. */
  updatedAt: string;
}

/** What an editor saves: a whole poll, already checked by `parsePoll` (poll-file.ts). */
export interface PollContent {
  id: string;
  question: string;
  multiple: boolean;
  closesAt: string | null;
  closed: boolean;
  /** In display order. */
  options: { id: string; label: string }[];
}

/** What `PATCH /api/admin/polls/:id` may change; a field left out stays as it is. */
export interface PollChanges {
  question?: string;
  closesAt?: string | null;
  /** Closed by hand (a `closesAt` in the past closes the poll whatever this says). */
  closed?: boolean;
  archived?: boolean;
  options?: { id: string; label: string }[];
}

export type AuditAction = 'sign-in' | 'sign-out' | 'create' | 'update' | 'close' | 'reopen' | 'archive' | 'unarchive';

/** One line of the audit trail (`GET /api/admin/audit`). */
export interface AuditEntry {
  /** ISO 8601 UTC. */
  at: string;
  /** The editor's user name. */
  actor: string;
  action: AuditAction;
  pollId: string | null;
  detail: string | null;
}

export type CreateOutcome = 'created' | 'id_taken';

export type UpdateOutcome =
  | { outcome: 'saved' }
  | { outcome: 'not_found' }
  /** Nothing was changed: this option has votes and was missing from the new list. */
  | { outcome: 'option_has_votes'; optionId: string }
  /** Nothing was changed: the poll's `updatedAt` was no longer the one the change was based on. */
  | { outcome: 'poll_changed' };

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
   * Records one ballot, durably, before resolving with its outcome and the poll's results.
   * One ballot per voter per poll, also when two requests race. Ballots arriving together are
   * committed together (group-commit.ts): one transaction, one sync, one results read per poll;
   * when that transaction fails, every ballot in it rejects and none is stored.
   */
  castVote(ballot: Ballot): Promise<VoteResult>;
  /**
   * Counters shared by every process on this storage (PostgreSQL); undefined when one process
   * owns the storage (SQLite), which then counts in its own memory.
   */
  readonly sharedRateLimit?: SharedRateLimitCounters;
  /** Resolves when storage answers a query, rejects otherwise (`GET /api/health`). */
  ping(): Promise<void>;
  /**
   * True when `error` is storage giving up on an answer that came too late (a lock held on its
   * tables, an overloaded or unreachable database): the request is answered 503, not as a fault.
   */
  gaveUp(error: unknown): boolean;
  close(): Promise<void>;

  // The editors' API. A poll created or changed here is marked as the editors' own: the polls
  // file never overwrites nor archives it again (importPolls skips it).

  /** Every poll, archived ones too, in creation order. */
  listPolls(): Promise<AdminPoll[]>;
  /** One poll, archived or not, or undefined. */
  readAdminPoll(pollId: string): Promise<AdminPoll | undefined>;
  /** Inserts the poll and its audit entry in one transaction, unless the id is taken. */
  createPoll(poll: PollContent, audit: AuditEntry): Promise<CreateOutcome>;
  /**
   * Changes the fields given (options: the whole new list in order; options missing from it
   * are removed unless they have votes) and appends the audit entries, all in one
   * transaction: on any outcome but `saved`, nothing changed. With `basedOn`, the poll's
   * `updatedAt` is compared with it in that transaction (`poll_changed` when they differ). Every
   * change moves `updatedAt` forward, at least 1 ms past the one before, so that no two versions
   * share one.
   */
  updatePoll(pollId: string, changes: PollChanges, audit: readonly AuditEntry[], basedOn?: string): Promise<UpdateOutcome>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  listAudit(limit: number): Promise<AuditEntry[]>;

  /** Editors, sessions and sign-in failures. */
  readonly accounts: AccountStorage;
}

export interface EditorSummary {
  username: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export interface SessionRecord {
  username: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** ISO 8601 UTC: the last request made with it. */
  lastSeenAt: string;
}

/**
 * Editors' accounts and sessions. Passwords arrive already hashed and session tokens as their
 * SHA-256: storage never sees a secret that would let someone sign in.
 */
export interface AccountStorage {
  /** False when the user name is taken. */
  addEditor(username: string, passwordHash: string, at: string): Promise<boolean>;
  /** False when there is no such editor. Also ends the editor's sessions. */
  setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
  /** False when there is no such editor. Also ends the editor's sessions; the audit trail stays. */
  removeEditor(username: string): Promise<boolean>;
  listEditors(): Promise<EditorSummary[]>;
  readPasswordHash(username: string): Promise<string | undefined>;

  createSession(tokenHash: string, username: string, at: string): Promise<void>;
  readSession(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes sessions idle since before `idleBefore` or created before `createdBefore`. */
  deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<void>;

  /**
   * Sign-in failures, under keys that are salted hashes (of a user name, of a client address):
   * never a raw address. `secret()` is the salt, made once and shared by every process.
   */
  recordSignInFailure(keys: readonly string[], at: string): Promise<void>;
  /** How many failures under `key` since `since`, and the time of the oldest of them. */
  countSignInFailures(key: string, since: string): Promise<{ count: number; oldest: string | null }>;
  clearSignInFailures(key: string): Promise<void>;
  /** Forgets failures older than `before`: nothing is kept longer than the lock-out window. */
  forgetSignInFailures(before: string): Promise<void>;
  /** A random value made on first use and kept in storage (32 bytes). */
  secret(name: string): Promise<Buffer>;
}
