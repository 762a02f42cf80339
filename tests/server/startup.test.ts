/**
 * Starting up: configuration, the polls file, the database file. Anything unusable stops
 * the server with a clear message and exit code 1, and never costs stored votes.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RATE_LIMIT, PROJECT_ROOT, readConfig } from '../../server/config.js';
import { parsePolls, readPollFile } from '../../server/storage/poll-file.js';
import { runReferenceServerToExit, startReferenceServer, temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import {
  countStoredVotes,
  FIXTURE_POLLS,
  getPoll,
  isDatabaseEmpty,
  newVoter,
  postVote,
  readDatabase,
  REPO_ROOT,
  sqliteOnly,
} from './support.js';

function writePolls(polls: unknown[]): string {
  const file = path.join(temporaryFolder(), 'polls.json');
  writeFileSync(file, JSON.stringify({ polls }));
  return file;
}

const twoOptionPoll = (options: { id: string; label: string }[] = [
  { id: 'co', label: 'Có' },
  { id: 'khong', label: 'Không' },
]) => ({ id: 'thu', question: 'Thử?', multiple: false, closesAt: null, options });

describe('the demo polls file', () => {
  it('holds the holiday poll, a multiple-choice poll and a closed poll with seeded votes', async () => {
    const server = await startReferenceServer();
    try {
      const holiday = await getPoll(server.url, 'nghi-le');
      assert.equal(holiday.question, 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      assert.equal(holiday.multiple, false);
      assert.equal(holiday.closed, false);
      assert.equal(holiday.totalVotes, 0);
      assert.deepEqual(
        holiday.options.map((option) => option.label),
        ['1 ngày', '2 ngày', '3 ngày', '4 ngày', '5 ngày trở lên'],
      );

      const services = await getPoll(server.url, 'dich-vu-cong');
      assert.equal(services.multiple, true);
      assert.equal(services.closed, false);

      const closed = await getPoll(server.url, 'nghi-tet-2018');
      assert.equal(closed.closed, true);
      assert.ok(closed.totalVotes > 0);
      const stored = await countStoredVotes(server.dbPath, 'nghi-tet-2018');
      assert.equal(closed.totalVotes, stored.total);
      assert.deepEqual(
        Object.fromEntries(closed.options.map((option) => [option.id, option.votes])),
        stored.perOption,
      );
      await server.stop();

      // Seeds are stored once, when the poll is created, not at every start.
      const again = await startReferenceServer({ dbPath: server.dbPath });
      assert.deepEqual(await getPoll(again.url, 'nghi-tet-2018'), closed);
      await again.stop();
    } finally {
      await server.stop();
    }
  });
});

describe('the database file', sqliteOnly('the file itself; startup-postgres.test.ts holds the PostgreSQL cases'), () => {
  it('creates the folder of EGOV_DB when it is missing', async () => {
    const dbPath = path.join(temporaryFolder(), 'khong', 'co', 'egov.sqlite');
    const server = await startReferenceServer({ dbPath });
    try {
      assert.ok(existsSync(dbPath));
      assert.equal(readDatabase(dbPath, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
    } finally {
      await server.stop();
    }
  });

  it('refuses a file that is not SQLite, with exit code 1 and the file left as it was', async () => {
    const dbPath = temporaryDatabase();
    const garbage = Buffer.from('these are not the votes you are looking for '.repeat(200));
    writeFileSync(dbPath, garbage);
    const { code, output } = await runReferenceServerToExit({ dbPath });
    assert.equal(code, 1);
    assert.match(output, /cannot open the database .*egov\.sqlite: file is not a database/);
    assert.deepEqual(readFileSync(dbPath), garbage);
  });

  it('refuses a damaged SQLite file with exit code 1', async () => {
    // The demo polls' seeded ballots fill enough pages to damage.
    const server = await startReferenceServer();
    await server.stop();
    // Overwrite the pages after the first with noise; the header stays valid.
    const handle = openSync(server.dbPath, 'r+');
    writeSync(handle, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096);
    closeSync(handle);
    const { code, output } = await runReferenceServerToExit({ dbPath: server.dbPath });
    assert.equal(code, 1);
    assert.match(output, /egov-widgets: the database .* is damaged .*Restore it from a backup/s);
  });

  it('refuses a database written by a newer version of the server', async () => {
    const dbPath = temporaryDatabase();
    const db = new Database(dbPath);
    db.pragma('user_version = 99');
    db.close();
    const { code, output } = await runReferenceServerToExit({ dbPath });
    assert.equal(code, 1);
    assert.match(output, /schema version 99, newer than this server knows/);
  });
});

describe('the polls file', () => {
  it('names the file and the problem when it is missing, not JSON, or wrong', () => {
    const folder = temporaryFolder();
    const notJson = path.join(folder, 'not-json.json');
    writeFileSync(notJson, '{ "polls": [ ');
    const badOption = writePolls([twoOptionPoll([{ id: 'Co', label: 'Có' }, { id: 'khong', label: 'Không' }])]);
    assert.throws(() => readPollFile(path.join(folder, 'missing.json')), /cannot read the polls file .*missing\.json/);
    assert.throws(() => readPollFile(notJson), /the polls file .*not-json\.json is not valid JSON/);
    assert.throws(() => readPollFile(badOption), /the polls file .* is invalid: polls\[0\]\.options\[0\]\.id must be a slug/);
  });

  it('stops the server with exit code 1 when it is unusable, before touching the database', async () => {
    const notJson = path.join(temporaryFolder(), 'polls.json');
    writeFileSync(notJson, '{ "polls": [ ');
    const dbPath = temporaryDatabase();
    const { code, output } = await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: notJson } });
    assert.equal(code, 1, output);
    assert.match(output, /^egov-widgets: the polls file .* is not valid JSON/m);
    assert.ok(await isDatabaseEmpty(dbPath));
  });

  it('applies edits at the next start: new labels, options and polls', async () => {
    const first = await startReferenceServer({ env: { EGOV_POLLS: writePolls([twoOptionPoll()]) } });
    assert.equal((await postVote(first.url, 'thu', { options: ['co'], voter: newVoter() })).status, 201);
    await first.stop();

    const edited = writePolls([
      twoOptionPoll([
        { id: 'khong', label: 'Không đồng ý' },
        { id: 'co', label: 'Đồng ý' },
        { id: 'chua-biet', label: 'Chưa biết' },
      ]),
    ]);
    const second = await startReferenceServer({ dbPath: first.dbPath, env: { EGOV_POLLS: edited } });
    try {
      const poll = await getPoll(second.url, 'thu');
      assert.deepEqual(
        poll.options.map((option) => [option.id, option.label, option.votes]),
        [
          ['khong', 'Không đồng ý', 0],
          ['co', 'Đồng ý', 1],
          ['chua-biet', 'Chưa biết', 0],
        ],
      );
    } finally {
      await second.stop();
    }
  });

  it('refuses to drop an option that has votes, and keeps the votes of a poll taken out of the file', async () => {
    const first = await startReferenceServer({ env: { EGOV_POLLS: writePolls([twoOptionPoll()]) } });
    assert.equal((await postVote(first.url, 'thu', { options: ['co'], voter: newVoter() })).status, 201);
    await first.stop();

    const withoutVotedOption = writePolls([twoOptionPoll([{ id: 'khong', label: 'Không' }, { id: 'khac', label: 'Khác' }])]);
    const refused = await runReferenceServerToExit({ dbPath: first.dbPath, env: { EGOV_POLLS: withoutVotedOption } });
    assert.equal(refused.code, 1);
    assert.match(refused.output, /option "co" has 1 votes and cannot be removed/);
    assert.equal((await countStoredVotes(first.dbPath, 'thu')).total, 1);

    const otherPoll = { ...twoOptionPoll(), id: 'khac' };
    const withoutPoll = await startReferenceServer({ dbPath: first.dbPath, env: { EGOV_POLLS: writePolls([otherPoll]) } });
    assert.equal((await fetch(`${withoutPoll.url}/api/polls/thu`)).status, 404);
    await withoutPoll.stop();
    assert.equal((await countStoredVotes(first.dbPath, 'thu')).total, 1);

    const restored = await startReferenceServer({ dbPath: first.dbPath, env: { EGOV_POLLS: writePolls([twoOptionPoll()]) } });
    assert.equal((await getPoll(restored.url, 'thu')).totalVotes, 1);
    await restored.stop();
  });

  it('reports each kind of mistake with where it is', () => {
    const valid = twoOptionPoll();
    const cases: [unknown, RegExp][] = [
      [[], /expected an object \{ "polls"/],
      [{ polls: {} }, /expected an object/],
      [{ polls: [{ ...valid, id: 'Thu' }] }, /polls\[0\]\.id must be a slug/],
      [{ polls: [{ ...valid, id: 'a/../b' }] }, /polls\[0\]\.id must be a slug/],
      [{ polls: [valid, valid] }, /poll id "thu" appears twice/],
      [{ polls: [{ ...valid, question: '  ' }] }, /polls\[0\]\.question must be a non-empty string/],
      [{ polls: [{ ...valid, multiple: 'yes' }] }, /polls\[0\]\.multiple must be true or false/],
      [{ polls: [{ ...valid, closesAt: '2018-01-31' }] }, /closesAt must be null or a date-time with a time zone/],
      [{ polls: [{ ...valid, closesAt: '2018-13-45T25:00:00Z' }] }, /closesAt must be null or a date-time/],
      [{ polls: [{ ...valid, closesat: null }] }, /polls\[0\] has an unknown field "closesat"/],
      [{ polls: [{ ...valid, options: [valid.options[0]] }] }, /options must be a list of 2 to 50 options/],
      [{ polls: [{ ...valid, options: [valid.options[0], valid.options[0]] }] }, /option id "co" appears twice/],
      [{ polls: [{ ...valid, options: [{ id: 'co', label: 'Có', seedVotes: -1 }, valid.options[1]] }] }, /seedVotes must be a whole number/],
      [{ polls: [{ ...valid, options: [{ id: 'co' }, valid.options[1]] }] }, /options\[0\]\.label must be a non-empty string/],
    ];
    for (const [data, expected] of cases) {
      assert.throws(() => parsePolls(data), expected, JSON.stringify(data));
    }
  });

  it('normalises closing times to UTC and defaults optional fields', () => {
    const [poll] = parsePolls({ polls: [{ ...twoOptionPoll(), closesAt: '2018-01-31T23:59:59+07:00', multiple: undefined }] });
    assert.equal(poll!.closesAt, '2018-01-31T16:59:59.000Z');
    assert.equal(poll!.multiple, false);
    assert.equal(poll!.closed, false);
    assert.equal(poll!.options[0]!.seedVotes, 0);
  });
});

describe('configuration', () => {
  it('defaults to port 8000 on loopback, data/egov.sqlite and demo/data/polls.json in the project', () => {
    const config = readConfig({});
    assert.equal(config.port, DEFAULT_PORT);
    assert.equal(config.port, 8000);
    assert.equal(config.host, DEFAULT_HOST);
    assert.equal(config.dbPath, path.join(PROJECT_ROOT, 'data', 'egov.sqlite'));
    assert.equal(config.pollsPath, path.join(PROJECT_ROOT, 'demo', 'data', 'polls.json'));
    assert.equal(config.articlesDir, path.join(PROJECT_ROOT, 'demo', 'data', 'articles'));
    assert.equal(config.rateLimit, DEFAULT_RATE_LIMIT);
    assert.deepEqual([...config.allowedOrigins], []);
    assert.equal(config.log, false);
  });

  it('reads every variable, resolving paths against the working directory', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      EGOV_DB: 'tmp/x.sqlite',
      EGOV_ALLOWED_ORIGINS: 'https://a.gov.vn/, http://localhost:3000 ,',
      EGOV_RATE_LIMIT: '0',
      EGOV_TRUST_PROXY: '10.0.0.1',
      EGOV_LOG: '1',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dbPath, path.resolve('tmp/x.sqlite'));
    assert.deepEqual([...config.allowedOrigins], ['https://a.gov.vn', 'http://localhost:3000']);
    assert.equal(config.rateLimit, 0);
    assert.deepEqual(config.trustProxy, ['10.0.0.1']);
    assert.equal(config.log, true);
  });

  it('refuses a bad value, naming the variable', () => {
    for (const [env, expected] of [
      [{ PORT: 'abc' }, /PORT must be a whole number from 0 to 65535, got "abc"/],
      [{ PORT: '70000' }, /PORT must be a whole number/],
      [{ EGOV_RATE_LIMIT: '-1' }, /EGOV_RATE_LIMIT must be a whole number/],
      [{ EGOV_RATE_LIMIT: '2.5' }, /EGOV_RATE_LIMIT must be a whole number/],
      [{ EGOV_ALLOWED_ORIGINS: 'portal.gov.vn' }, /EGOV_ALLOWED_ORIGINS: "portal.gov.vn" is not an origin/],
      [{ EGOV_ALLOWED_ORIGINS: 'ftp://portal.gov.vn' }, /must start with http/],
    ] as const) {
      assert.throws(() => readConfig(env), expected);
    }
  });

  it('stops the server with exit code 1 on a bad value', async () => {
    const { code, output } = await runReferenceServerToExit({ env: { PORT: 'abc' } });
    assert.equal(code, 1, output);
    assert.match(output, /^egov-widgets: PORT must be a whole number/m);
  });

  it('stops with exit code 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, output } = await runReferenceServerToExit({ env: { PORT: String(port) } });
      assert.equal(code, 1);
      assert.match(output, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
    } finally {
      blocker.close();
    }
  });

  it('starts without a built bundle, saying how to build it', async () => {
    const server = await startReferenceServer({ env: { EGOV_DIST_DIR: path.join(temporaryFolder(), 'dist') } });
    try {
      assert.match(server.output(), /egov-widgets\.js is missing: .*npm run build/);
      assert.equal((await fetch(`${server.url}/dist/egov-widgets.js`)).status, 404);
      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    } finally {
      await server.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Start-up failures on a database that already holds votes: each stops the server with one
// clear line and exit code 1, and leaves the file byte for byte as it was.
// ---------------------------------------------------------------------------------------

const VOTES_IN_DATABASE = 3;

/** A database holding votes, stopped cleanly so that everything is in the file itself. */
async function databaseWithVotes(): Promise<{ dbPath: string; bytes: Buffer }> {
  const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
  for (const option of ['a', 'b', 'c'].slice(0, VOTES_IN_DATABASE)) {
    assert.equal((await postVote(server.url, 'single', { options: [option], voter: newVoter() })).status, 201);
  }
  assert.equal(await server.stop(), 0);
  assert.equal(existsSync(`${server.dbPath}-wal`), false, 'a clean stop folds the WAL into the file');
  return { dbPath: server.dbPath, bytes: readFileSync(server.dbPath) };
}

/** The file is unchanged, and a server started normally on it serves every vote. */
async function assertVotesUntouched(dbPath: string, bytes: Buffer): Promise<void> {
  assert.ok(readFileSync(dbPath).equals(bytes), 'the database file was changed by the failed start');
  const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS }, dbPath });
  try {
    assert.equal((await getPoll(server.url, 'single')).totalVotes, VOTES_IN_DATABASE);
  } finally {
    await server.stop();
  }
}

/** One line starting with `egov-widgets:`, no stack trace. */
function assertClearFailure(result: { code: number | null; output: string }, expected: RegExp): void {
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, expected);
  assert.doesNotMatch(result.output, /^\s+at /m, 'a stack trace instead of a message');
  assert.doesNotMatch(result.output, /egov-widgets demo:/, 'the server started anyway');
}

/**
 * The tests run as root on CI machines and in containers, and root reads and writes a file
 * whatever its mode says (chmod 0444 or 000 binds nobody), so the permission cases start the
 * server as the unprivileged user `nobody` there. Undefined when that is possible; otherwise why not.
 */
const NOBODY = { uid: 65534, gid: 65534 };
const runningAsRoot = process.getuid?.() === 0;

function whyNobodyCannotRunTheServer(): string | undefined {
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(REPO_ROOT, 'server', 'main.ts'))})`], {
    ...NOBODY,
    encoding: 'utf8',
  });
  if (probe.error) return `switching to uid ${NOBODY.uid} failed (${probe.error.message})`;
  if (probe.status !== 0) return `uid ${NOBODY.uid} cannot read the project at ${REPO_ROOT}`;
  return undefined;
}

/** Like runReferenceServerToExit, as `nobody`. */
function runServerAsNobody(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('EGOV_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/egov-poll-server.ts'], {
    ...NOBODY,
    cwd: REPO_ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', EGOV_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  // A server that starts after all is stopped, and the test fails on its exit code.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Runs the server on a file it may read but not write: as itself when not root (mode 0444 is
 * enough), as `nobody` when root. Never skipped: a machine where neither is possible fails here
 * with the reason, rather than passing without having checked anything.
 */
async function runWithUnwritableFile(file: string, mode: number, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  chmodSync(file, mode);
  if (!runningAsRoot) return runReferenceServerToExit({ dbPath: env.EGOV_DB!, env });
  const reason = whyNobodyCannotRunTheServer();
  assert.equal(reason, undefined, `running as root, which ignores file modes, and ${reason}: let uid ${NOBODY.uid} read the project`);
  // Only the file is protected: its folder stays writable (for SQLite's -wal and -shm files).
  chmodSync(path.dirname(file), 0o777);
  return runServerAsNobody(env);
}

describe('start-up failures never cost stored votes', sqliteOnly('byte-for-byte checks of the file'), () => {
  it('refuses a damaged database with exit code 1 and leaves it byte for byte as it was', async () => {
    const { dbPath } = await databaseWithVotes();
    const handle = openSync(dbPath, 'r+');
    writeSync(handle, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096);
    closeSync(handle);
    const damaged = readFileSync(dbPath);
    const result = await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: FIXTURE_POLLS } });
    assertClearFailure(result, /^egov-widgets: the database .*egov\.sqlite is damaged \(quick_check: .*\)\. Restore it from a backup/m);
    assert.equal(result.output.trim().split('\n').length, 1, 'one line');
    assert.ok(readFileSync(dbPath).equals(damaged), 'the damaged file was changed');
    assert.equal(existsSync(`${dbPath}-wal`) && readFileSync(`${dbPath}-wal`).length > 0, false, 'something was written beside it');
  });

  it('refuses a read-only database file with exit code 1, saying so, and leaves its votes untouched', async () => {
    const { dbPath, bytes } = await databaseWithVotes();
    const env = { EGOV_DB: dbPath, EGOV_POLLS: FIXTURE_POLLS };
    const result = await runWithUnwritableFile(dbPath, 0o444, env);
    // Before the fix this was "failed to start: SqliteError: attempt to write a readonly database" and a stack trace.
    assertClearFailure(result, /^egov-widgets: the database .*egov\.sqlite is read-only for this server .*Make the file and its folder writable/m);
    chmodSync(dbPath, 0o644);
    await assertVotesUntouched(dbPath, bytes);
  });

  it('refuses an EGOV_DB that is a folder, or inside a file, with exit code 1', async () => {
    // Honest stand-ins for an unwritable database that bind root too.
    const folder = path.join(temporaryFolder(), 'votes.sqlite');
    mkdirSync(folder);
    const asFolder = await runReferenceServerToExit({ dbPath: folder, env: { EGOV_POLLS: FIXTURE_POLLS } });
    assertClearFailure(asFolder, /^egov-widgets: cannot open the database .*votes\.sqlite: unable to open database file\. EGOV_DB must name a file/m);

    const { dbPath, bytes } = await databaseWithVotes();
    const insideFile = await runReferenceServerToExit({ dbPath: path.join(dbPath, 'egov.sqlite'), env: { EGOV_POLLS: FIXTURE_POLLS } });
    assertClearFailure(insideFile, /^egov-widgets: cannot create the folder for the database .*egov\.sqlite\/egov\.sqlite: EEXIST/m);
    await assertVotesUntouched(dbPath, bytes);
  });

  it('stops on an unreadable polls file with exit code 1, before touching the database', async () => {
    const { dbPath, bytes } = await databaseWithVotes();
    const folder = path.join(path.dirname(dbPath), 'polls-folder.json');
    mkdirSync(folder);
    const asFolder = await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: folder } });
    assertClearFailure(asFolder, /^egov-widgets: cannot read the polls file .*polls-folder\.json: EISDIR/m);

    const polls = path.join(path.dirname(dbPath), 'polls.json');
    writeFileSync(polls, readFileSync(FIXTURE_POLLS));
    const unreadable = await runWithUnwritableFile(polls, 0o000, { EGOV_DB: dbPath, EGOV_POLLS: polls });
    assertClearFailure(unreadable, /^egov-widgets: cannot read the polls file .*polls\.json: EACCES: permission denied/m);
    await assertVotesUntouched(dbPath, bytes);
  });

  it('stops on a polls file that is not JSON, or not a valid polls file, with exit code 1', async () => {
    const { dbPath, bytes } = await databaseWithVotes();
    const folder = path.dirname(dbPath);
    const cases: [string, string, RegExp][] = [
      ['truncated.json', '{ "polls": [ { "id": "single", ', /^egov-widgets: the polls file .*truncated\.json is not valid JSON/m],
      ['shape.json', '{"polls": {"single": {}}}', /^egov-widgets: the polls file .*shape\.json is invalid: expected an object/m],
      // Valid, but it would drop options that hold votes: refused inside the transaction that loads it.
      [
        'dropped.json',
        JSON.stringify({ polls: [{ id: 'single', question: 'Q?', options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] }] }),
        /^egov-widgets: poll "single": option "a" has 1 votes and cannot be removed/m,
      ],
    ];
    // In parallel: each exits within a second or two, and none of them may write.
    await Promise.all(
      cases.map(async ([name, text, expected]) => {
        const file = path.join(folder, name);
        writeFileSync(file, text);
        assertClearFailure(await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: file } }), expected);
      }),
    );
    await assertVotesUntouched(dbPath, bytes);
  });
});
