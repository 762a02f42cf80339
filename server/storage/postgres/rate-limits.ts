/**
 * The vote rate limit's counters in PostgreSQL, shared by every server process (see
 * SharedRateLimitCounters in ../storage.ts). Windows are timed by the database's clock, so that
 * processes on machines whose clocks differ still agree. One statement per request; expired keys
 * are deleted once a window (by any process), so no trace of a client outlives its minute by more.
 */
import { randomBytes } from 'node:crypto';
import type { RateLimitCount, SharedRateLimitCounters } from '../storage.js';
import type { Pool } from './db.js';

const INCR = {
  name: 'egov-rate-limit-incr',
  text: `
    INSERT INTO rate_limits AS r (key, window_start, count) VALUES ($1, clock_timestamp(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.window_start <= clock_timestamp() - make_interval(secs => $2 / 1000.0) THEN 1 ELSE r.count + 1 END,
      window_start = CASE WHEN r.window_start <= clock_timestamp() - make_interval(secs => $2 / 1000.0)
                          THEN clock_timestamp() ELSE r.window_start END
    RETURNING count AS current,
      greatest(0, extract(epoch FROM window_start + make_interval(secs => $2 / 1000.0) - clock_timestamp()) * 1000)::int AS ttl`,
};

const READ = {
  name: 'egov-rate-limit-read',
  text: `
    SELECT count AS current,
      greatest(0, extract(epoch FROM window_start + make_interval(secs => $2 / 1000.0) - clock_timestamp()) * 1000)::int AS ttl
    FROM rate_limits WHERE key = $1 AND window_start > clock_timestamp() - make_interval(secs => $2 / 1000.0)`,
};

export class PostgresRateLimitCounters implements SharedRateLimitCounters {
  private sweptAt = Date.now();
  private shared: Promise<Buffer> | undefined;

  constructor(private readonly pool: Pool) {}

  salt(): Promise<Buffer> {
    this.shared ??= this.loadSalt();
    return this.shared;
  }

  async incr(key: string, windowMs: number): Promise<RateLimitCount> {
    this.sweepEvery(windowMs);
    const { rows } = await this.pool.query<RateLimitCount>({ ...INCR, values: [key, windowMs] });
    return rows[0]!;
  }

  async read(key: string, windowMs: number): Promise<RateLimitCount> {
    const { rows } = await this.pool.query<RateLimitCount>({ ...READ, values: [key, windowMs] });
    return rows[0] ?? { current: 0, ttl: 0 };
  }

  /** The first process to ask makes the salt; the others read it. */
  private async loadSalt(): Promise<Buffer> {
    await this.pool.query('INSERT INTO rate_limit_salt (id, salt) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32)]);
    const { rows } = await this.pool.query<{ salt: Buffer }>('SELECT salt FROM rate_limit_salt WHERE id = 1');
    return rows[0]!.salt;
  }

  /** Deletes the keys whose window has passed, once a window, without delaying the request. */
  private sweepEvery(windowMs: number): void {
    if (Date.now() - this.sweptAt < windowMs) return;
    this.sweptAt = Date.now();
    this.pool
      .query('DELETE FROM rate_limits WHERE window_start <= clock_timestamp() - make_interval(secs => $1 / 1000.0)', [windowMs])
      .catch((error: Error) => console.error(`egov-widgets: could not forget expired rate-limit keys: ${error.message}`));
  }
}
