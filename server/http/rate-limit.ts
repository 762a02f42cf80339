/**
 * A fixed-window counter of vote requests per client.
 *
 * Privacy: the key is a salted SHA-256 of the client address, the salt is random per
 * process and never leaves memory, and a key is forgotten once its window has passed.
 * Nothing here is ever written to disk or logged.
 */
import { createHash, randomBytes } from 'node:crypto';

export const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  count: number;
}

export class RateLimiter {
  private readonly salt = randomBytes(32);
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    /** Requests allowed per client per window. */
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {
    // unref: a pending sweep must not keep the process alive at shutdown.
    this.sweeper = setInterval(() => this.sweep(), WINDOW_MS).unref();
  }

  /** Counts one request from `clientAddress` and says whether it may proceed. */
  hit(clientAddress: string): RateDecision {
    const key = this.keyFor(clientAddress);
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.limit) return { allowed: true };
    const retryAfterMs = window.startedAt + WINDOW_MS - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  /** How many clients are remembered (for tests: keys expire). */
  get size(): number {
    return this.windows.size;
  }

  /** The stored keys (for tests: they are not addresses). */
  keys(): string[] {
    return [...this.windows.keys()];
  }

  /** Forgets every client whose window has passed. */
  sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private keyFor(clientAddress: string): string {
    return createHash('sha256').update(this.salt).update(clientAddress).digest('base64url');
  }
}
