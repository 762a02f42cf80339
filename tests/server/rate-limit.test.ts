/**
 * `EGOV_RATE_LIMIT` votes per client per minute, then 429 with Retry-After; the keys
 * that count clients are salted hashes kept in memory and forgotten after the minute.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter, WINDOW_MS } from '../../server/http/rate-limit.js';
import { startReferenceServer } from '../support/reference-server.mjs';
import { type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, ON_POSTGRES, postVote, queryDatabase } from './support.js';

describe('rate limit over HTTP', () => {
  it('answers 429 rate_limited with Retry-After once a client exceeds EGOV_RATE_LIMIT votes a minute', async () => {
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_RATE_LIMIT: '3' } });
    try {
      // Refused attempts count too: a flood of bad requests is still a flood.
      assert.equal((await postVote(server.url, 'single', { options: ['a'], voter: newVoter() })).status, 201);
      assert.equal((await postVote(server.url, 'single', { options: ['zz'], voter: newVoter() })).status, 400);
      assert.equal((await postVote(server.url, 'multi', { options: ['x'], voter: newVoter() })).status, 201);

      const limited = await postVote(server.url, 'single', { options: ['b'], voter: newVoter() });
      assert.equal(limited.status, 429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
      const body = (await limited.json()) as ErrorBody;
      assert.equal(body.error, 'rate_limited');
      assert.equal(body.retryAfter, retryAfter);
      assert.equal(limited.headers.get('cache-control'), 'no-store');

      // The limited vote was not counted; reading results is never limited.
      for (let index = 0; index < 10; index++) assert.equal((await getPoll(server.url, 'single')).totalVotes, 1);

      // Nothing about the client reaches the database.
      const tables = await queryDatabase<{ name: string }>(
        server.dbPath,
        ON_POSTGRES
          ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
          : "SELECT name FROM sqlite_schema WHERE type = 'table'",
      );
      assert.deepEqual(
        tables.map((row) => row.name).sort(),
        ON_POSTGRES
          ? ['options', 'polls', 'rate_limit_salt', 'rate_limits', 'schema_version', 'vote_counts', 'vote_options', 'votes']
          : ['options', 'polls', 'vote_options', 'votes'],
      );
      assert.doesNotMatch(server.output(), /127\.0\.0\.1/);
    } finally {
      await server.stop();
    }
  });
});

describe('RateLimiter', () => {
  function limiterAt(limit: number): { limiter: RateLimiter; clock: { now: number } } {
    const clock = { now: 1_000_000 };
    return { limiter: new RateLimiter(limit, () => clock.now), clock };
  }

  it('allows `limit` requests per client per window, then says how long to wait', () => {
    const { limiter, clock } = limiterAt(2);
    assert.deepEqual(limiter.hit('192.0.2.1'), { allowed: true });
    clock.now += 10_000;
    assert.deepEqual(limiter.hit('192.0.2.1'), { allowed: true });
    assert.deepEqual(limiter.hit('192.0.2.1'), { allowed: false, retryAfterSeconds: 50 });
    // Another client has its own count.
    assert.deepEqual(limiter.hit('192.0.2.2'), { allowed: true });
    clock.now += 50_000;
    assert.deepEqual(limiter.hit('192.0.2.1'), { allowed: true });
    limiter.close();
  });

  it('never answers Retry-After 0', () => {
    const { limiter, clock } = limiterAt(1);
    limiter.hit('192.0.2.1');
    clock.now += WINDOW_MS - 1;
    assert.deepEqual(limiter.hit('192.0.2.1'), { allowed: false, retryAfterSeconds: 1 });
    limiter.close();
  });

  it('keeps salted hashes, not addresses, and forgets them after the window', () => {
    const { limiter, clock } = limiterAt(5);
    limiter.hit('192.0.2.1');
    limiter.hit('2001:db8::1');
    const keys = limiter.keys();
    assert.equal(keys.length, 2);
    for (const key of keys) {
      // A 256-bit hash in base64url: no address (with its dots or colons) fits this shape. (Not a
      // search for "db8" in the key: a random hash contains such letters now and then.)
      assert.ok(!key.includes('192.0.2.1') && !key.includes('2001:db8::1'));
      assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    }
    // Salted per process: another limiter derives other keys from the same address.
    const { limiter: other } = limiterAt(5);
    other.hit('192.0.2.1');
    assert.ok(!keys.includes(other.keys()[0]!));

    clock.now += WINDOW_MS;
    limiter.sweep();
    assert.equal(limiter.size, 0);
    limiter.close();
    other.close();
  });
});
