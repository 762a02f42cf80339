/**
 * Lock-out after repeated sign-in failures, per account and per client.
 *
 * Failures are kept in storage (so every server process on one database counts them
 * together), under keys that are HMAC-SHA256 of the user name or the client address with a
 * random secret kept in storage: no address is stored, and a key says nothing without the
 * secret. A failure is forgotten after the window; a correct password clears the account's
 * failures (not the client's), and so does a new password set on the server (`user passwd`).
 */
import { createHmac } from 'node:crypto';
import type { AccountStorage } from '../../storage/storage.js';
import { say } from '../../say.js';

const LOCKOUT_WINDOW_MS = 15 * 60_000;
/** Failures allowed per account in the window; the next attempt is refused (429). */
const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures allowed per client address in the window, whichever accounts it tried. */
const MAX_FAILURES_PER_CLIENT = 20;

/** Failures in the lock-out window, of the account tried and of the client trying. */
interface Failures {
  account: number;
  client: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What became of a sign-in attempt: refused by the lock-out, or the password checked. */
export type AttemptOutcome = { allowed: false; retryAfterSeconds: number } | { allowed: true; signedIn: boolean };

export class SignInThrottle {
  private secret: Promise<Buffer> | undefined;
  /** Per account and per client key, the end of the last attempt begun (see `attempt`). */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly accounts: AccountStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * One sign-in attempt: refused while the account or the client is locked out, else `verify`
   * checks the password and its failure or success is counted. Attempts on one account, or from
   * one client, take turns in this process: a burst sent at once is counted as it goes (before,
   * 50 guesses sent together were all checked before the first failure was counted). Server
   * processes sharing a database may each let one more through.
   */
  async attempt(username: string, clientAddress: string, verify: () => Promise<boolean>): Promise<AttemptOutcome> {
    const keys = await this.keys(username, clientAddress);
    return this.inTurn([keys.account, keys.client], async () => {
      const { decision, failures } = await this.check(keys);
      if (!decision.allowed) return decision;
      const signedIn = await verify();
      if (signedIn) await this.accounts.clearSignInFailures(keys.account);
      else await this.recordFailure(keys, username, failures);
      return { allowed: true, signedIn };
    });
  }

  /** Runs `task` once every attempt begun before it on any of `keys` has ended. */
  private async inTurn<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const before = keys.map((key) => this.turns.get(key));
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    for (const key of keys) this.turns.set(key, ended);
    try {
      await Promise.all(before);
      return await task();
    } finally {
      end();
      for (const key of keys) if (this.turns.get(key) === ended) this.turns.delete(key);
    }
  }

  /** Whether this account may be tried from this client now, and the failures of each in the window. Counts nothing. */
  private async check(keys: { account: string; client: string }): Promise<{ decision: ThrottleDecision; failures: Failures }> {
    const since = new Date(this.now() - LOCKOUT_WINDOW_MS).toISOString();
    const limits = [
      [keys.account, MAX_FAILURES_PER_ACCOUNT],
      [keys.client, MAX_FAILURES_PER_CLIENT],
    ] as const;
    let retryAfterMs = 0;
    const counts: number[] = [];
    for (const [key, limit] of limits) {
      const { count, oldest } = await this.accounts.countSignInFailures(key, since);
      counts.push(count);
      if (count >= limit && oldest !== null) {
        retryAfterMs = Math.max(retryAfterMs, Date.parse(oldest) + LOCKOUT_WINDOW_MS - this.now());
      }
    }
    const failures = { account: counts[0]!, client: counts[1]! };
    if (retryAfterMs <= 0) return { decision: { allowed: true }, failures };
    return { decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }, failures };
  }

  /**
   * Counts a failure; the one that locks the account (or the client) is said on stderr, where the
   * sysadmin looks (the account by name, the client by nothing: no address is kept).
   */
  private async recordFailure(keys: { account: string; client: string }, username: string, before: Failures): Promise<void> {
    const now = this.now();
    await this.accounts.forgetSignInFailures(new Date(now - LOCKOUT_WINDOW_MS).toISOString());
    await this.accounts.recordSignInFailure([keys.account, keys.client], new Date(now).toISOString());
    const minutes = LOCKOUT_WINDOW_MS / 60_000;
    // This one on top of those `check` counted just before, in the same turn (inTurn).
    if (before.account + 1 === MAX_FAILURES_PER_ACCOUNT) {
      say(
        `the name ${printable(username)} cannot sign in for up to ${minutes} minutes after ${MAX_FAILURES_PER_ACCOUNT} wrong passwords ` +
          '(an editor of that name: lifted at once by a new password, user passwd <name> --password-stdin).',
      );
    }
    if (before.client + 1 === MAX_FAILURES_PER_CLIENT) {
      say(`a client cannot sign in for up to ${minutes} minutes after ${MAX_FAILURES_PER_CLIENT} wrong passwords.`);
    }
  }

  /** Forgets an account's failures: its lock-out, if any, is lifted (a new password set by the sysadmin). */
  async lift(username: string): Promise<void> {
    await this.accounts.clearSignInFailures(await this.key('account', username));
  }

  private async keys(username: string, clientAddress: string): Promise<{ account: string; client: string }> {
    return { account: await this.key('account', username), client: await this.key('client', clientAddress) };
  }

  private async key(kind: 'account' | 'client', value: string): Promise<string> {
    this.secret ??= this.accounts.secret('sign-in-throttle');
    return `${kind}:${createHmac('sha256', await this.secret).update(`${kind}\0${value}`).digest('base64url')}`;
  }
}

/**
 * A name as the client typed it (64 characters at most), quoted for a log line: every character
 * outside printable ASCII escaped, so that none can end the line or turn the text around in a
 * terminal or a log viewer (JSON alone leaves U+2028, C1 controls and bidi overrides as they are).
 */
function printable(name: string): string {
  return JSON.stringify(name).replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
