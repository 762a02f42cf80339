/**
 * A PostgreSQL that answers too late, or not at all, under a running server — a cluster of the
 * test's own (the suite's shared one must not freeze or lock under the other files):
 * - stopped with SIGSTOP, as when its host freezes or a firewall drops packets, so that no
 *   connection is closed and no query answered;
 * - with a table locked, as a DBA's `ALTER TABLE` or `CREATE INDEX` locks it while the database
 *   answers everything else.
 * The server must answer each request with 503 `unavailable` before the widgets give up on it
 * (their fetch timeout), say so on stderr as an outage (not a stack trace per request), leave no
 * statement of its own waiting on the database after its request was answered, serve again once
 * the database answers, and, at start, wait as long as another process holds the import's lock.
 * Runs in `npm test -- server-pg` only.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { FETCH_TIMEOUT_MS } from '../../src/shared/fetch-json.js';
import { SCHEMA_LOCK } from '../../server/storage/postgres/db.js';
import { PostgresPollStorage } from '../../server/storage/postgres/poll-store.js';
import { readPollFile } from '../../server/storage/poll-file.js';
import { startPostgres, type TestPostgres } from '../support/postgres.mjs';
import { buildServerApp, captureStderr, FIXTURE_POLLS, newVoter, ON_POSTGRES, type ErrorBody } from './support.js';

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

function assertAllUnavailable(answers: Awaited<ReturnType<typeof timed>>[]): void {
  for (const [index, answer] of answers.entries()) {
    assert.ok(answer, `request ${index}: no answer within the widgets' ${FETCH_TIMEOUT_MS / 1000} s`);
    assert.deepEqual([answer.status, answer.error], [503, 'unavailable'], `request ${index}, after ${Math.round(answer.ms)} ms`);
  }
}

/** A connection of the test's own to `url`, beside the server's. */
async function otherSession(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe('PostgreSQL that answers too late, or not at all', needsPostgres, () => {
  let cluster: TestPostgres;
  before(async () => {
    cluster = await startPostgres();
  });
  after(() => cluster.stop());

  it('stopped: answers 503 unavailable before the widgets time out, and serves again once it answers', async () => {
    let frozen: number[] = [];
    const app = await buildServerApp({ EGOV_DATABASE_URL: cluster.createDatabase('stopped'), EGOV_POLLS: FIXTURE_POLLS });
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
      assertAllUnavailable(await Promise.all(requests.map((request) => timed(request, FETCH_TIMEOUT_MS))));
      for (const pid of frozen.splice(0)) process.kill(pid, 'SIGCONT');
      assert.equal((await vote()).statusCode, 201);
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      await app.close();
    }
  });

  it('a table locked: answers 503 unavailable in time, says so once, and leaves no statement waiting', async () => {
    const url = cluster.createDatabase('locked');
    const app = await buildServerApp({ EGOV_DATABASE_URL: url, EGOV_POLLS: FIXTURE_POLLS });
    const vote = () => app.inject({ method: 'POST', url: '/api/polls/single/votes', payload: { options: ['a'], voter: newVoter() } });
    const dba = await otherSession(url);
    try {
      assert.equal((await vote()).statusCode, 201);
      await dba.query('BEGIN');
      await dba.query('LOCK TABLE votes IN ACCESS EXCLUSIVE MODE');
      const said = await captureStderr(async () => {
        // Waves of votes, as readers keep coming while the lock is held.
        const answers = [];
        for (let wave = 0; wave < 3; wave++) {
          answers.push(...(await Promise.all(Array.from({ length: 5 }, () => timed(vote(), FETCH_TIMEOUT_MS)))));
        }
        assertAllUnavailable(answers);
      });
      // Each request was answered: none of the server's statements may still wait for the lock
      // (the database cancels them; a driver that only gave up would leave them there, holding
      // a connection each, until max_connections runs out).
      const { rows } = await dba.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = 'egov-poll-server' AND wait_event_type = 'Lock'`,
      );
      assert.equal(rows[0]!.waiting, 0);
      const lines = said.filter((line) => line.startsWith('egov-widgets:'));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /^egov-widgets: storage answers, but too late for requests \(canceling statement due to statement timeout\): a lock held on it \(another program writing, an ALTER TABLE\), or an overloaded database\.$/);
      await dba.query('ROLLBACK');
      assert.equal((await vote()).statusCode, 201);
    } finally {
      await dba.end();
      await app.close();
    }
  });

  it('at start, waits for the import lock as long as another process holds it', async () => {
    const store = await PostgresPollStorage.open(cluster.createDatabase('import'));
    const other = await otherSession(cluster.url('import'));
    try {
      // Another process importing (or migrate-to-postgres copying) holds the lock.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const importing = store.importPolls(readPollFile(FIXTURE_POLLS));
      // Longer than any request may wait (3 s): a start is not a request.
      await sleep(4000);
      await other.query('COMMIT');
      await importing;
      assert.equal((await store.readPoll('single'))?.id, 'single');
    } finally {
      await other.end();
      await store.close();
    }
  });
});
