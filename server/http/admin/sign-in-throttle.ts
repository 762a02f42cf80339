/**
 * Lock-out after repeated sign-in failures, per account and per client.
 *
 * Failures are kept in storage (so every server process on one database counts them
 * together), under keys that are HMAC-SHA256 of the user name or the client address with a
 * random secret kept in storage: no address is stored, and a key says nothing without the
 * secret. A failure is forgotten after the window.
 */
import { createHmac } from 'node:crypto';
import type { AccountStorage } from '../../storage/storage.js';

const LOCKOUT_WINDOW_MS = 15 * 60_000;
/** Failures allowed per account in the window; the next attempt is refused (429). */
const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures allowed per client address in the window, whichever accounts it tried. */
const MAX_FAILURES_PER_CLIENT = 20;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SignInThrottle {
  private secret: Promise<Buffer> | undefined;

  constructor(
    private readonly accounts: AccountStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this user name may be tried from this client now. Counts nothing. */
  async check(username: string, clientAddress: string): Promise<ThrottleDecision> {
    const since = new Date(this.now() - LOCKOUT_WINDOW_MS).toISOString();
    const keys = await this.keys(username, clientAddress);
    const limits = [
      [keys.account, MAX_FAILURES_PER_ACCOUNT],
      [keys.client, MAX_FAILURES_PER_CLIENT],
    ] as const;
    let retryAfterMs = 0;
    for (const [key, limit] of limits) {
      const { count, oldest } = await this.accounts.countSignInFailures(key, since);
      if (count >= limit && oldest !== null) {
        retryAfterMs = Math.max(retryAfterMs, Date.parse(oldest) + LOCKOUT_WINDOW_MS - this.now());
      }
    }
    if (retryAfterMs <= 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  async recordFailure(username: string, clientAddress: string): Promise<void> {
    const keys = await this.keys(username, clientAddress);
    const now = this.now();
    await this.accounts.forgetSignInFailures(new Date(now - LOCKOUT_WINDOW_MS).toISOString());
    await this.accounts.recordSignInFailure([keys.account, keys.client], new Date(now).toISOString());
  }

  /** A correct password clears the account's failures (not the client's). */
  async recordSuccess(username: string, clientAddress: string): Promise<void> {
    await this.accounts.clearSignInFailures((await this.keys(username, clientAddress)).account);
  }

  private async keys(username: string, clientAddress: string): Promise<{ account: string; client: string }> {
    this.secret ??= this.accounts.secret('sign-in-throttle');
    const secret = await this.secret;
    const key = (kind: string, value: string): string =>
      `${kind}:${createHmac('sha256', secret).update(`${kind}\0${value}`).digest('base64url')}`;
    return { account: key('account', username), client: key('client', clientAddress) };
  }
}
