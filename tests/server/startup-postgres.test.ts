/**
 * Starting on PostgreSQL (EGOV_DATABASE_URL): the schema is created and migrated at start, and
 * anything unusable — nobody listening, a wrong password, a missing database, a schema from a
 * newer server, a server that could lose acknowledged votes — stops the server with one clear
 * line and exit code 1, and changes nothing. The counterparts of startup-database.test.ts's cases.
 * Runs in `npm test -- server-pg` only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runReferenceServerToExit, startReferenceServer, temporaryDatabase } from '../support/reference-server.mjs';
import { countStoredVotes, FIXTURE_POLLS, getPoll, newVoter, ON_POSTGRES, postVote, queryDatabase } from './support.js';

const needsPostgres = ON_POSTGRES ? {} : { skip: 'needs PostgreSQL: npm test -- server-pg' };

/** One line starting with `egov-widgets:`, no stack trace, never the password. */
function assertClearFailure(result: { code: number | null; output: string }, expected: RegExp): void {
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, expected);
  assert.equal(result.output.trim().split('\n').length, 1, `one line: ${result.output}`);
  assert.doesNotMatch(result.output, /egov-test-password/, 'the password was printed');
}

/** The same URL with one part changed. */
function changed(url: string, change: (parsed: URL) => void): string {
  const parsed = new URL(url);
  change(parsed);
  return parsed.toString();
}

describe('PostgreSQL at start', needsPostgres, () => {
  it('creates the schema at schema version 3, and starts again on it without touching the votes', async () => {
    const first = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
    assert.equal((await postVote(first.url, 'single', { options: ['a'], voter: newVoter() })).status, 201);
    assert.equal(await first.stop(), 0);
    const [version] = await queryDatabase<{ version: number }>(first.dbPath, 'SELECT version FROM schema_version');
    assert.equal(version!.version, 3);

    const second = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS }, dbPath: first.dbPath });
    try {
      assert.equal((await getPoll(second.url, 'single')).totalVotes, 1);
      assert.equal((await queryDatabase(first.dbPath, 'SELECT version FROM schema_version')).length, 1);
    } finally {
      await second.stop();
    }
  });

  it('lets two servers start at once on an empty database: one schema, seeds stored once', async () => {
    const dbPath = temporaryDatabase();
    const servers = await Promise.all([startReferenceServer({ dbPath }), startReferenceServer({ dbPath })]);
    try {
      const polls = await Promise.all(servers.map((server) => getPoll(server.url, 'nghi-tet-2018')));
      // The demo file seeds 112 + 418 + 265 + 73 ballots in this poll.
      assert.deepEqual(polls.map((poll) => poll.totalVotes), [868, 868]);
      assert.equal((await countStoredVotes(dbPath, 'nghi-tet-2018')).total, 868);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });

  it('refuses a database written by a newer version of the server, and leaves it as it was', async () => {
    const first = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
    assert.equal((await postVote(first.url, 'single', { options: ['b'], voter: newVoter() })).status, 201);
    await first.stop();
    await queryDatabase(first.dbPath, 'UPDATE schema_version SET version = 99');

    const result = await runReferenceServerToExit({ dbPath: first.dbPath, env: { EGOV_POLLS: FIXTURE_POLLS } });
    assertClearFailure(result, /^egov-widgets: the database postgres:\/\/egov_test@127\.0\.0\.1:\d+\/egov_test has schema version 99, newer than this server knows \(3\): a newer version of egov-widgets has used it\. Run that version, or restore the backup taken before it was installed\.$/m);
    assert.equal((await countStoredVotes(first.dbPath, 'single')).total, 1);
    const [version] = await queryDatabase<{ version: number }>(first.dbPath, 'SELECT version FROM schema_version');
    assert.equal(version!.version, 99);
  });

  it('says so in one line when the password is wrong, the database missing, or nobody listens', async () => {
    const dbPath = temporaryDatabase();
    const cases: [string, RegExp][] = [
      [
        changed(dbPath, (url) => (url.password = 'wrong')),
        /^egov-widgets: PostgreSQL at postgres:\/\/egov_test@127\.0\.0\.1:\d+\/egov_test refused the login: password authentication failed for user "egov_test"\. Check the user and password in EGOV_DATABASE_URL\.$/m,
      ],
      [
        changed(dbPath, (url) => (url.pathname = '/khong_co')),
        /^egov-widgets: PostgreSQL at postgres:\/\/egov_test@127\.0\.0\.1:\d+\/khong_co: database "khong_co" does not exist\. Create it/m,
      ],
      // Port 1 is privileged and unused: the connection is refused at once.
      [
        changed(dbPath, (url) => (url.port = '1')),
        /^egov-widgets: cannot connect to PostgreSQL at postgres:\/\/egov_test@127\.0\.0\.1:1\/egov_test \(ECONNREFUSED\): is it running/m,
      ],
      [
        changed(dbPath, (url) => (url.password = '')),
        /^egov-widgets: PostgreSQL at postgres:\/\/egov_test@127\.0\.0\.1:\d+\/egov_test asks for a password, and EGOV_DATABASE_URL has none: write it as postgres:\/\/user:password@host:5432\/database\.$/m,
      ],
      ['mysql://egov:x@127.0.0.1/egov', /^egov-widgets: EGOV_DATABASE_URL must be a PostgreSQL URL/m],
    ];
    await Promise.all(
      cases.map(async ([url, expected]) => {
        assertClearFailure(await runReferenceServerToExit({ env: { EGOV_DATABASE_URL: url } }), expected);
      }),
    );
  });

  it('says how to let its user make the tables where PostgreSQL 15 refuses it (a database another role owns)', async () => {
    const dbPath = temporaryDatabase();
    const suffix = Math.random().toString(36).slice(2, 8);
    const [role, database] = [`egov_limited_${suffix}`, `egov_not_owned_${suffix}`];
    await queryDatabase(dbPath, `CREATE ROLE ${role} LOGIN PASSWORD 'Mat-khau-2026'`);
    await queryDatabase(dbPath, `CREATE DATABASE ${database}`);
    const url = changed(dbPath, (parsed) => {
      parsed.username = role;
      parsed.password = 'Mat-khau-2026';
      parsed.pathname = `/${database}`;
      // PostgreSQL's own search path (the test's options name a schema of the test database).
      parsed.search = '';
    });
    const result = await runReferenceServerToExit({ env: { EGOV_DATABASE_URL: url } });
    assert.equal(result.code, 1, result.output);
    assert.match(
      result.output,
      new RegExp(
        `^egov-widgets: PostgreSQL at postgres://${role}@127\\.0\\.0\\.1:\\d+/${database}: permission denied for schema public\\. ` +
          `The server makes its tables at its first start: make ${role} the owner of ${database} \\(ALTER DATABASE ${database} OWNER TO ${role}; ` +
          `or createdb --owner ${role} ${database}\\), or GRANT CREATE ON SCHEMA public TO ${role}\\.$`,
        'm',
      ),
    );
  });

  it('refuses a PostgreSQL that acknowledges commits before they are on disk (synchronous_commit = off)', async () => {
    const dbPath = changed(temporaryDatabase(), (url) =>
      url.searchParams.set('options', `${url.searchParams.get('options')} -c synchronous_commit=off`),
    );
    const result = await runReferenceServerToExit({ dbPath });
    assertClearFailure(result, /^egov-widgets: PostgreSQL at .* has synchronous_commit = off: an acknowledged vote could be lost/m);
  });
});
