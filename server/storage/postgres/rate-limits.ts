/**
 * The vote rate limit's counters in PostgreSQL, shared by every server process (see
 * SharedRateLimitCounters in ../storage.ts). Windows are timed by the database's clock, so that
 * processes on machines whose clocks differ still agree. The requests that arrive together share
 * one statement (group-commit.ts): one round trip per batch, not per request, and a key asked
 * several times in a batch is changed once, by as many. Expired keys are deleted once a window
 * while votes come, and once more a window after the last one, so no trace of a client outlives
 * its minute by more than a minute, even when no vote follows.
 */
import { randomBytes } from 'node:crypto';
import { GroupCommit, MAX_BATCH } from '../group-commit.js';
import type { RateLimitCount, SharedRateLimitCounters } from '../storage.js';
import type { Pool } from './db.js';
import { say } from '../../say.js';

/** $1 the keys (each once), $2 how many to add to each, $3 the window in milliseconds. */
const INCR = {
  name: 'egov-rate-limit-incr',
  text: `
    INSERT INTO rate_limits AS r (key, window_start, count)
    SELECT key, clock_timestamp(), added FROM unnest($1::text[], $2::int[]) AS i (key, added) ORDER BY key
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.window_start <= clock_timestamp() - make_interval(secs => $3 / 1000.0)
                   THEN excluded.count ELSE r.count + excluded.count END,
      window_start = CASE WHEN r.window_start <= clock_timestamp() - make_interval(secs => $3 / 1000.0)
                          THEN clock_timestamp() ELSE r.window_start END
    RETURNING key, count AS current,
      greatest(0, extract(epoch FROM window_start + make_interval(secs => $3 / 1000.0) - clock_timestamp()) * 1000)::int AS ttl`,
};

const READ = {
  name: 'egov-rate-limit-read',
  text: `
    SELECT key, count AS current,
      greatest(0, extract(epoch FROM window_start + make_interval(secs => $2 / 1000.0) - clock_timestamp()) * 1000)::int AS ttl
    FROM rate_limits WHERE key = ANY($1::text[]) AND window_start > clock_timestamp() - make_interval(secs => $2 / 1000.0)`,
};

/** One request's question: a key, in a window of this many milliseconds. */
interface KeyInWindow {
  key: string;
  windowMs: number;
}

type KeyCount = RateLimitCount & { key: string };

/** A sweep waits a little past the window, so that the keys of its last moment have expired too. */
const SWEEP_DELAY_MS = 1000;

/** Batches in progress at once, per kind (incr, read). */
const BATCHES_IN_FLIGHT = 2;

export class PostgresRateLimitCounters implements SharedRateLimitCounters {
  /** The next sweep, while one is due; and when the last key was counted. */
  private sweep: ReturnType<typeof setTimeout> | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private countedAt = 0;
  private closed = false;
  private shared: Promise<Buffer> | undefined;
  private readonly increments = new GroupCommit<KeyInWindow, RateLimitCount>((asked) => this.incrAll(asked), {
    maxBatch: MAX_BATCH,
    maxInFlight: BATCHES_IN_FLIGHT,
  });
  private readonly reads = new GroupCommit<KeyInWindow, RateLimitCount>((asked) => this.readAll(asked), {
    maxBatch: MAX_BATCH,
    maxInFlight: BATCHES_IN_FLIGHT,
  });

  constructor(private readonly pool: Pool) {}

  salt(): Promise<Buffer> {
    this.shared ??= this.loadSalt();
    return this.shared;
  }

  incr(key: string, windowMs: number): Promise<RateLimitCount> {
    this.countedAt = Date.now();
    if (!this.closed) this.sweep ??= this.sweepAfter(windowMs);
    return this.increments.submit({ key, windowMs });
  }

  read(key: string, windowMs: number): Promise<RateLimitCount> {
    return this.reads.submit({ key, windowMs });
  }

  /** Every request pending an answer has one, and no sweep is running or due (before the pool closes). */
  async drain(): Promise<void> {
    await Promise.all([this.increments.drain(), this.reads.drain()]);
    this.closed = true;
    clearTimeout(this.sweep);
    await this.sweeping;
  }

  /**
   * Each key once, by the number of requests for it; the n-th request of a key in the batch is
   * told the count as it was after its own increment, as if they had come one by one.
   */
  private async incrAll(asked: readonly KeyInWindow[]): Promise<RateLimitCount[]> {
    const added = new Map<string, number>();
    for (const { key } of asked) added.set(key, (added.get(key) ?? 0) + 1);
    const { rows } = await this.pool.query<KeyCount>({ ...INCR, values: [[...added.keys()], [...added.values()], asked[0]!.windowMs] });
    const after = new Map(rows.map((row) => [row.key, row]));
    const seen = new Map<string, number>();
    return asked.map(({ key }) => {
      const { current, ttl } = after.get(key)!;
      const earlier = seen.get(key) ?? 0;
      seen.set(key, earlier + 1);
      return { current: current - added.get(key)! + earlier + 1, ttl };
    });
  }

  private async readAll(asked: readonly KeyInWindow[]): Promise<RateLimitCount[]> {
    const keys = [...new Set(asked.map(({ key }) => key))];
    const { rows } = await this.pool.query<KeyCount>({ ...READ, values: [keys, asked[0]!.windowMs] });
    const found = new Map(rows.map((row) => [row.key, { current: row.current, ttl: row.ttl }]));
    return asked.map(({ key }) => found.get(key) ?? { current: 0, ttl: 0 });
  }

  /** The first process to ask makes the salt; the others read it. */
  private async loadSalt(): Promise<Buffer> {
    await this.pool.query('INSERT INTO rate_limit_salt (id, salt) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32)]);
    const { rows } = await this.pool.query<{ salt: Buffer }>('SELECT salt FROM rate_limit_salt WHERE id = 1');
    return rows[0]!.salt;
  }

  /**
   * A window from now, deletes the keys whose window has passed, without delaying any request;
   * then again a window later while keys were counted since, so the last ones go too. The timer
   * never keeps the process alive.
   */
  private sweepAfter(windowMs: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.sweeping = this.pool
        .query('DELETE FROM rate_limits WHERE window_start <= clock_timestamp() - make_interval(secs => $1 / 1000.0)', [windowMs])
        .then(
          () => undefined,
          (error: Error) => say(`could not forget expired rate-limit keys: ${error.message}`),
        )
        .then(() => {
          const countedSince = Date.now() - this.countedAt < windowMs + SWEEP_DELAY_MS;
          this.sweep = countedSince && !this.closed ? this.sweepAfter(windowMs) : undefined;
        });
    }, windowMs + SWEEP_DELAY_MS);
    timer.unref();
    return timer;
  }
}
