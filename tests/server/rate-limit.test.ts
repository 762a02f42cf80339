/**
 * `EGOV_RATE_LIMIT` votes per client per minute, then 429 with Retry-After. Only votes count:
 * requests refused before they are votes do not use up the allowance. The keys that count
 * clients are salted hashes kept in memory and forgotten after the minute.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { clientKey, MemoryRateLimitStore, WINDOW_MS } from '../../server/http/rate-limit.js';
import { openPool } from '../../server/storage/postgres/db.js';
import { PostgresRateLimitCounters } from '../../server/storage/postgres/rate-limits.js';
import { storageEnv, temporaryDatabase } from '../support/reference-server.mjs';
import { startReferenceServer } from '../support/reference-server.mjs';
import { type ErrorBody, FIXTURE_POLLS, getPoll, newVoter, ON_POSTGRES, postVote, queryDatabase, rawRequest } from './support.js';

describe('rate limit over HTTP', () => {
  it('answers 429 rate_limited with Retry-After once a client has cast EGOV_RATE_LIMIT votes a minute', async () => {
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_RATE_LIMIT: '3' } });
    try {
      // A repeated vote (409) is still a vote: a voter token is free to make.
      const voter = newVoter();
      assert.equal((await postVote(server.url, 'single', { options: ['a'], voter })).status, 201);
      assert.equal((await postVote(server.url, 'single', { options: ['a'], voter })).status, 409);
      assert.equal((await postVote(server.url, 'multi', { options: ['x'], voter: newVoter() })).status, 201);

      const limited = await postVote(server.url, 'single', { options: ['b'], voter: newVoter() });
      assert.equal(limited.status, 429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
      const body = (await limited.json()) as ErrorBody;
      assert.equal(body.error, 'rate_limited');
      assert.equal(body.retryAfter, retryAfter);
      assert.equal(limited.headers.get('cache-control'), 'no-store');

      // Once the allowance is used up, even a request that is not JSON is refused as 429,
      // before its body is read.
      const early = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/polls/single/votes',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      assert.equal(early.status, 429);

      // The limited vote was not counted; reading results is never limited.
      for (let index = 0; index < 10; index++) assert.equal((await getPoll(server.url, 'single')).totalVotes, 1);

      // Nothing about the client reaches the database but, on PostgreSQL (where every process
      // shares the counts), one salted hash as the key of its count: never the address.
      if (ON_POSTGRES) {
        const keys = await queryDatabase<{ key: string }>(server.dbPath, 'SELECT key FROM rate_limits');
        assert.equal(keys.length, 1);
        assert.match(keys[0]!.key, /^[A-Za-z0-9_-]{43}$/);
      }
      const tables = await queryDatabase<{ name: string }>(
        server.dbPath,
        ON_POSTGRES
          ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
          : "SELECT name FROM sqlite_schema WHERE type = 'table'",
      );
      assert.deepEqual(
        tables.map((row) => row.name).sort(),
        ON_POSTGRES
          ? ['audit', 'editors', 'options', 'polls', 'rate_limit_salt', 'rate_limits', 'schema_version', 'secrets', 'sessions',
             'sign_in_failures', 'vote_counts', 'vote_options', 'votes']
          : ['audit', 'editors', 'options', 'polls', 'secrets', 'sessions', 'sign_in_failures', 'sqlite_sequence', 'vote_options', 'votes'],
      );
      // The only table keyed by clients is the editors' sign-in lock-out, untouched by votes.
      const [failures] = await queryDatabase<{ n: number }>(server.dbPath, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM sign_in_failures');
      assert.equal(failures!.n, 0);
      assert.doesNotMatch(server.output(), /127\.0\.0\.1/);
    } finally {
      await server.stop();
    }
  });

  it('does not count requests refused before they are votes (415, 413, 400, 404, 410)', async () => {
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS, EGOV_RATE_LIMIT: '3' } });
    try {
      const junk: [number, () => Promise<Response>][] = [
        [415, () => fetch(`${server.url}/api/polls/single/votes`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })],
        [413, () => postVote(server.url, 'single', 'x'.repeat(5000))],
        [400, () => postVote(server.url, 'single', '{"options": [')],
        [400, () => postVote(server.url, 'single', { options: ['a'], voter: 'not-a-uuid' })],
        [400, () => postVote(server.url, 'single', { options: ['zz'], voter: newVoter() })],
        [404, () => postVote(server.url, 'khong-co', { options: ['a'], voter: newVoter() })],
        [410, () => postVote(server.url, 'closed-by-hand', { options: ['a'], voter: newVoter() })],
      ];
      // Ten times the allowance of each kind, as from a misbehaving script behind the readers' address.
      for (const [status, send] of junk) {
        for (let index = 0; index < 30; index++) assert.equal((await send()).status, status);
      }
      for (const option of ['a', 'b', 'c']) {
        assert.equal((await postVote(server.url, 'crowd', { options: [option], voter: newVoter() })).status, 201);
      }
      assert.equal((await postVote(server.url, 'crowd', { options: ['d'], voter: newVoter() })).status, 429);
    } finally {
      await server.stop();
    }
  });
});

describe('the counts shared on PostgreSQL', () => {
  it('forgets a key a window after its last vote, with no vote after it', { skip: ON_POSTGRES ? undefined : 'PostgreSQL only' }, async () => {
    const dbPath = temporaryDatabase();
    const pool = await openPool((await storageEnv(dbPath)).EGOV_DATABASE_URL!); // a schema of its own, migrated
    const counters = new PostgresRateLimitCounters(pool);
    const stored = async () => (await queryDatabase(dbPath, 'SELECT key FROM rate_limits')).length;
    try {
      const windowMs = 300;
      assert.equal((await counters.incr('k', windowMs)).current, 1);
      assert.equal(await stored(), 1);
      // A monotonic clock: the machine's wall clock may be stepped meanwhile.
      const deadline = performance.now() + 5_000;
      while ((await stored()) > 0) {
        assert.ok(performance.now() < deadline, 'the key is still stored 5 s after its 0.3 s window');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await counters.drain();
      await pool.end();
    }
  });
});

describe('MemoryRateLimitStore', () => {
  function storeAt(): { store: MemoryRateLimitStore; clock: { now: number } } {
    const clock = { now: 1_000_000 };
    return { store: new MemoryRateLimitStore(undefined, () => clock.now), clock };
  }

  function incr(store: MemoryRateLimitStore, key: string): { current: number; ttl: number } {
    let result: { current: number; ttl: number } | undefined;
    store.incr(key, (_error, count) => (result = count), WINDOW_MS);
    return result!;
  }

  function read(store: MemoryRateLimitStore, key: string): { current: number; ttl: number } {
    let result: { current: number; ttl: number } | undefined;
    store.read(key, (_error, count) => (result = count), WINDOW_MS);
    return result!;
  }

  it('counts per key in a window of a minute and says how long is left', () => {
    const { store, clock } = storeAt();
    assert.deepEqual(incr(store, 'k1'), { current: 1, ttl: 60_000 });
    clock.now += 10_000;
    assert.deepEqual(incr(store, 'k1'), { current: 2, ttl: 50_000 });
    assert.deepEqual(incr(store, 'k2'), { current: 1, ttl: 60_000 });
    clock.now += 50_000;
    assert.deepEqual(incr(store, 'k1'), { current: 1, ttl: 60_000 });
    store.close();
  });

  it('reads a count without adding to it', () => {
    const { store, clock } = storeAt();
    assert.deepEqual(read(store, 'k1'), { current: 0, ttl: 0 });
    incr(store, 'k1');
    clock.now += 1_000;
    assert.deepEqual(read(store, 'k1'), { current: 1, ttl: 59_000 });
    assert.deepEqual(read(store, 'k1'), { current: 1, ttl: 59_000 });
    store.close();
  });

  it('forgets keys once their window has passed', () => {
    const { store, clock } = storeAt();
    incr(store, 'k1');
    clock.now += 30_000;
    incr(store, 'k2');
    clock.now += 30_000;
    store.sweep();
    assert.deepEqual(store.keys(), ['k2']);
    clock.now += 30_000;
    store.sweep();
    assert.deepEqual(store.keys(), []);
    store.close();
  });
});

describe('clientKey', () => {
  it('is a salted hash, not the address', () => {
    const salt = randomBytes(32);
    for (const address of ['192.0.2.1', '2001:db8::1']) {
      const key = clientKey(salt, address);
      // A 256-bit hash in base64url: no address (with its dots or colons) fits this shape.
      assert.match(key, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(!key.includes(address));
    }
    // Another salt (another start) derives another key from the same address.
    assert.notEqual(clientKey(salt, '192.0.2.1'), clientKey(randomBytes(32), '192.0.2.1'));
    assert.notEqual(clientKey(salt, '192.0.2.1'), clientKey(salt, '192.0.2.2'));
  });

  it('counts an IPv6 /64 network as one client', () => {
    const salt = randomBytes(32);
    assert.equal(clientKey(salt, '2001:db8:1:2::1'), clientKey(salt, '2001:db8:1:2:ffff::9'));
    assert.notEqual(clientKey(salt, '2001:db8:1:2::1'), clientKey(salt, '2001:db8:1:3::1'));
    // An IPv4 client seen through an IPv6 socket is the same client.
    assert.equal(clientKey(salt, '::ffff:192.0.2.1'), clientKey(salt, '192.0.2.1'));
  });
});
