/**
 * `EGOV_RATE_LIMIT` votes per client per minute, on `@fastify/rate-limit`.
 *
 * What the plugin does: counting per key in a fixed window, through a store interface
 * (`incr`, `read`) that a store shared by several processes can implement. What it cannot
 * do, so it is here:
 * - Keys are salted SHA-256 hashes of the client address (the plugin's own key is the address
 *   itself). With one process (SQLite) the salt is random per start and never leaves memory.
 *   Processes sharing PostgreSQL count in a store they share (`SharedRateLimitStore`, on the
 *   storage's counters), so they share the salt as well, kept in the database.
 * - The memory store forgets a key once its window has passed (the plugin's LocalStore keeps
 *   keys until its LRU cache is full): no trace of a client outlives the minute. It holds at
 *   most MAX_KEYS keys (about 200 bytes each): past that, the oldest window is forgotten first.
 * - Only requests that are votes count. A request is refused as a vote (415, 413, 400, 404,
 *   410) before it is counted, so junk sent from a shared address (an office behind one NAT)
 *   cannot use up its readers' allowance; a client already over the limit is refused before
 *   its body is read. `voteLimiter()` gives the route both steps.
 */
import { createHash, randomBytes } from 'node:crypto';
import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { RateLimitCount, SharedRateLimitCounters } from '../storage/storage.js';

export const WINDOW_MS = 60_000;
/**
 * Clients counted at once in one process's memory: 100,000 clients voting in one minute is far
 * beyond a district's (or a province's) readers, and keeps the store under ~20 MB even when a
 * flood comes from as many addresses. Past it, the client whose window began first is
 * forgotten (it may vote again), never the server's memory.
 */
export const MAX_KEYS = 100_000;

/** What a rate-limit store tells the plugin about one key (`ttl`: milliseconds until the window ends). */
type Count = RateLimitCount;

type CountCallback = (error: Error | null, result?: Count) => void;

interface Window {
  startedAt: number;
  count: number;
}

/** The plugin's store contract (`incr`, `read`, `child`), kept in this process's memory. */
export class MemoryRateLimitStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    _options?: unknown,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = MAX_KEYS,
  ) {
    // unref: a pending sweep must not keep the process alive at shutdown.
    this.sweeper = setInterval(() => this.sweep(), WINDOW_MS).unref();
  }

  incr(key: string, callback: CountCallback, timeWindow: number): void {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= timeWindow) {
      // Deleted first, so that the map stays in the order windows began: the oldest comes first.
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.forgetOldest();
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  /** The count without adding to it. */
  read(key: string, callback: CountCallback, timeWindow: number): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= timeWindow) {
      callback(null, { current: 0, ttl: 0 });
      return;
    }
    callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  /** One store for every route: a client's votes count together. */
  child(): this {
    return this;
  }

  /** The stored keys (for tests: they are not addresses, and they expire). */
  keys(): string[] {
    return [...this.windows.keys()];
  }

  /**
   * Forgets every key whose window has passed. The map is in the order windows began, so the
   * expired keys come first and the sweep stops at the first current one.
   */
  sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < WINDOW_MS) return;
      this.windows.delete(key);
    }
  }

  /** Past MAX_KEYS: the expired keys, or else the key whose window began first. */
  private forgetOldest(): void {
    this.sweep();
    if (this.windows.size < this.maxKeys) return;
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.windows.clear();
  }
}

/**
 * The plugin's store contract on counters that every server process shares (PostgreSQL), so
 * that the limit is per client across all of them.
 */
export class SharedRateLimitStore implements FastifyRateLimitStore {
  constructor(private readonly counters: SharedRateLimitCounters) {}

  incr(key: string, callback: CountCallback, timeWindow: number): void {
    this.counters.incr(key, timeWindow).then((count) => callback(null, count), callback);
  }

  read(key: string, callback: CountCallback, timeWindow: number): void {
    this.counters.read(key, timeWindow).then((count) => callback(null, count), callback);
  }

  child(): this {
    return this;
  }
}

/** The plugin makes its store from a class: one bound to these counters. */
function sharedStoreClass(counters: SharedRateLimitCounters): new () => SharedRateLimitStore {
  return class extends SharedRateLimitStore {
    constructor() {
      super(counters);
    }
  };
}

/**
 * The key of a client: a salted hash of its address. IPv6 addresses are first cut to their
 * /64 network by the plugin's `normalizeIP`, since one household or phone gets a whole /64
 * and could otherwise vote from as many addresses as it likes.
 */
export function clientKey(salt: Buffer, address: string): string {
  return createHash('sha256').update(salt).update(normalizeIP(address)).digest('base64url');
}

export interface VoteLimiter {
  /** Before the body is read: refuses (429) a client that has no vote left. */
  refuseIfExhausted(request: FastifyRequest): Promise<void>;
  /** Once the request is a valid vote: counts it, and refuses it (429) past the limit. */
  count(request: FastifyRequest): Promise<void>;
}

/** `shared`: the storage's counters when several processes share it; else counted in memory. */
export async function registerVoteRateLimit(
  app: FastifyInstance,
  votesPerMinute: number,
  shared?: SharedRateLimitCounters,
): Promise<VoteLimiter> {
  const salt = shared ? await shared.salt() : randomBytes(32);
  // The plugin makes the store from a class; kept here to stop its sweeper on close.
  const stores: MemoryRateLimitStore[] = [];
  await app.register(fastifyRateLimit, {
    // Only the vote route is limited, and only through `voteLimiter`: reading is never limited.
    global: false,
    max: votesPerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => clientKey(salt, request.ip),
    store: shared
      ? sharedStoreClass(shared)
      : class extends MemoryRateLimitStore {
          constructor(options: unknown) {
            super(options);
            stores.push(this);
          }
        },
  });
  app.addHook('onClose', async () => {
    for (const store of stores) store.close();
  });
  const check = app.createRateLimit();
  return {
    async refuseIfExhausted(request) {
      const state = await check(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw rateLimited(state.ttlInSeconds);
    },
    async count(request) {
      const state = await check(request);
      if (!state.isAllowed && state.isExceeded) throw rateLimited(state.ttlInSeconds);
    },
  };
}

function rateLimited(ttlInSeconds: number): ApiError {
  // Never "Retry-After: 0": a client would retry at once into the same refusal.
  const retryAfter = Math.max(1, ttlInSeconds);
  return new ApiError(429, 'rate_limited', 'Too many votes from this client; try again later.', { retryAfter });
}
