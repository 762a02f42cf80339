/**
 * The rate limit's state stays bounded in memory, and the counters shared through PostgreSQL
 * count a batch of requests as if they had come one by one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryRateLimitStore, WINDOW_MS } from '../../server/http/rate-limit.js';
import { buildTestApp } from './admin-support.js';
import { ON_POSTGRES } from './support.js';

function incr(store: MemoryRateLimitStore, key: string): number {
  let current = 0;
  store.incr(key, (_error, count) => (current = count!.current), WINDOW_MS);
  return current;
}

describe('MemoryRateLimitStore bound', () => {
  it('keeps at most its number of keys, forgetting the window that began first', () => {
    const clock = { now: 1_000_000 };
    const store = new MemoryRateLimitStore(undefined, () => clock.now, 3);
    for (const key of ['k1', 'k2', 'k3']) {
      incr(store, key);
      clock.now += 1_000;
    }
    assert.equal(incr(store, 'k1'), 2, 'a key already counted keeps its window');
    assert.equal(incr(store, 'k4'), 1);
    assert.deepEqual(store.keys(), ['k2', 'k3', 'k4']);
    store.close();
  });

  it('forgets expired keys before any current one', () => {
    const clock = { now: 1_000_000 };
    const store = new MemoryRateLimitStore(undefined, () => clock.now, 3);
    incr(store, 'old');
    clock.now += WINDOW_MS - 1_000;
    incr(store, 'k1');
    incr(store, 'k2');
    clock.now += 2_000;
    incr(store, 'k3');
    assert.deepEqual(store.keys(), ['k1', 'k2', 'k3']);
    store.close();
  });
});

describe('shared rate-limit counters', { skip: ON_POSTGRES ? undefined : 'needs PostgreSQL: npm test -- server-pg' }, () => {
  it('counts requests of one batch one by one, per key', async () => {
    const { app } = await buildTestApp();
    try {
      const counters = app.storage.sharedRateLimit!;
      const keys = ['k1', 'k2', 'k1', 'k1', 'k2', 'k3'];
      const counts = await Promise.all(keys.map((key) => counters.incr(key, WINDOW_MS)));
      assert.deepEqual(
        counts.map((count) => count.current),
        [1, 1, 2, 3, 2, 1],
      );
      for (const count of counts) assert.ok(count.ttl > 0 && count.ttl <= WINDOW_MS);
      const read = await Promise.all(['k1', 'k2', 'k3', 'k4'].map((key) => counters.read(key, WINDOW_MS)));
      assert.deepEqual(
        read.map((count) => count.current),
        [3, 2, 1, 0],
      );
      assert.equal((await counters.incr('k1', WINDOW_MS)).current, 4);
    } finally {
      await app.close();
    }
  });
});
