import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiBase } from '../../src/poll/poll-data.js';

/** Milliseconds per call of `work`, repeated until 50 ms have passed. */
function timePerCall(work: () => unknown): number {
  const start = performance.now();
  let repeats = 0;
  do {
    work();
    repeats += 1;
  } while (performance.now() - start < 50);
  return (performance.now() - start) / repeats;
}

describe('apiBase', () => {
  it('is the endpoint as written, /api when empty, without trailing slashes', () => {
    assert.deepEqual(
      ['', '  ', '/api', '/api/', ' https://binhchon.phuluong.gov.vn/api// ', '/', 'https://a.vn/x/y///'].map(apiBase),
      ['/api', '/api', '/api', '/api', 'https://binhchon.phuluong.gov.vn/api', '', 'https://a.vn/x/y'],
    );
  });

  it('takes time in proportion to the endpoint, however many slashes it holds (a regular expression took 1.6 s for 40,000)', () => {
    const endpoint = (slashes: number) => `${'/'.repeat(slashes)}a`;
    const small = endpoint(10_000);
    const large = endpoint(40_000);
    // Never less than one copy of the text: at microseconds, the cache decides more than the work.
    const time = (text: string) => Math.max(timePerCall(() => apiBase(text)), timePerCall(() => text.toUpperCase()));
    const ratio = time(large) / time(small);
    assert.ok(ratio < 10, `four times the slashes cost ${ratio.toFixed(1)} times the time`);
  });
});
