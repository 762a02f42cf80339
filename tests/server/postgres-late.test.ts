/**
 * A PostgreSQL that stops answering without closing its connections (its host frozen, a network
 * that drops packets): every process of a cluster of the test's own is stopped with SIGSTOP. The
 * server must still answer each request, with 503 `unavailable`, before the widgets give up on it
 * (their fetch timeout), and serve again once the database answers. Runs in `npm test -- server-pg`
 * only (a cluster of its own: the suite's shared one must not freeze under the other files).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FETCH_TIMEOUT_MS } from '../../src/shared/fetch-json.js';
import { startPostgres } from '../support/postgres.mjs';
import { buildServerApp, FIXTURE_POLLS, newVoter, ON_POSTGRES, type ErrorBody } from './support.js';

const needsPostgres = ON_POSTGRES ? {} : { skip: 'needs PostgreSQL: npm test -- server-pg' };

/** The cluster's postmaster and every process it started (its backends). */
function clusterProcesses(folder: string): number[] {
  const postmaster = Number(readFileSync(path.join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces, never ") ".
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(postmaster);
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/** The answer's status, error code and time taken, or `undefined` when none came within `ms`. */
async function timed(answer: Promise<{ statusCode: number; json: () => unknown }>, ms: number) {
  const start = performance.now();
  // Unreferenced: a late answer's timer does not hold the test process.
  const response = await Promise.race([answer, sleep(ms, undefined, { ref: false })]);
  return response && { status: response.statusCode, error: (response.json() as ErrorBody).error, ms: performance.now() - start };
}

describe('PostgreSQL that stops answering', needsPostgres, () => {
  it('answers 503 unavailable before the widgets time out, and serves again once it answers', async () => {
    const cluster = await startPostgres();
    let frozen: number[] = [];
    const app = await buildServerApp({ EGOV_DATABASE_URL: cluster.createDatabase('hung'), EGOV_POLLS: FIXTURE_POLLS });
    const vote = () => app.inject({ method: 'POST', url: '/api/polls/single/votes', payload: { options: ['a'], voter: newVoter() } });
    try {
      assert.equal((await vote()).statusCode, 201);
      frozen = clusterProcesses(cluster.folder);
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      // Votes in one batch and in the batches after it, a poll read, an editors' request.
      const requests = [
        ...Array.from({ length: 12 }, vote),
        app.inject('/api/polls/single'),
        app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: 'bientap', password: 'sai mật khẩu' } }),
      ];
      const answers = await Promise.all(requests.map((request) => timed(request, FETCH_TIMEOUT_MS)));
      for (const [index, answer] of answers.entries()) {
        assert.ok(answer, `request ${index}: no answer within the widgets' ${FETCH_TIMEOUT_MS / 1000} s`);
        assert.deepEqual([answer.status, answer.error], [503, 'unavailable'], `request ${index}, after ${Math.round(answer.ms)} ms`);
      }
      for (const pid of frozen.splice(0)) process.kill(pid, 'SIGCONT');
      assert.equal((await vote()).statusCode, 201);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      await app.close();
      cluster.stop();
    }
  });
});
