/**
 * Starting up, the SQLite database file: created where EGOV_DB says, refused when it is not
 * a usable SQLite database of this version, and never costing stored votes when start-up
 * fails (PostgreSQL's cases: startup-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { READY_LINE, runReferenceServerToExit, serverCommand, startReferenceServer, temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import { buildServerApp, FIXTURE_POLLS, getPoll, newVoter, postVote, readDatabase, REPO_ROOT, sqliteOnly } from './support.js';

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

  it('makes a new database readable by the server’s user alone (password hashes, sessions, keys), its WAL files too', async () => {
    const dbPath = temporaryDatabase();
    const server = await startReferenceServer({ dbPath });
    try {
      assert.equal((await postVote(server.url, 'nghi-le', { options: ['3-ngay'], voter: newVoter() })).status, 201);
      for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) assert.equal((statSync(file).mode & 0o777).toString(8), '600', file);
    } finally {
      await server.stop();
    }
    // A file that was there keeps the mode its owner gave it.
    chmodSync(dbPath, 0o640);
    const again = await startReferenceServer({ dbPath });
    await again.stop();
    assert.equal((statSync(dbPath).mode & 0o777).toString(8), '640');
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
    // The demo polls' seeded ballots fill enough pages to damage (written by the app in process).
    const dbPath = temporaryDatabase();
    await closeApp(await buildServerApp({}, dbPath), dbPath);
    // Overwrite the pages after the first with noise; the header stays valid.
    const handle = openSync(dbPath, 'r+');
    writeSync(handle, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096);
    closeSync(handle);
    const { code, output } = await runReferenceServerToExit({ dbPath });
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
    assert.match(output, /schema version 99, newer than this server knows \(\d+\): a newer version of egov-widgets has used it\. Run that version, or restore the backup taken before it was installed\./);
  });
});


// ---------------------------------------------------------------------------------------
// Start-up failures on a database that already holds votes: each stops the server with one
// clear line and exit code 1, and leaves the file byte for byte as it was.
// ---------------------------------------------------------------------------------------

const VOTES_IN_DATABASE = 3;

/**
 * A database holding votes, closed cleanly so that everything is in the file itself. Written by
 * the app in process: what is under test is the failed start of a real process on it.
 */
async function databaseWithVotes(): Promise<{ dbPath: string; bytes: Buffer }> {
  const dbPath = temporaryDatabase();
  const app = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS }, dbPath);
  try {
    for (const option of ['a', 'b', 'c'].slice(0, VOTES_IN_DATABASE)) {
      assert.equal((await postVote(app, 'single', { options: [option], voter: newVoter() })).status, 201);
    }
  } finally {
    await closeApp(app, dbPath);
  }
  return { dbPath, bytes: readFileSync(dbPath) };
}

/**
 * Closes the app and folds the WAL into the file, emptying it: from then on nothing writes to
 * the file. Done here, by a connection of the test's own: the commit and checkpoint threads'
 * connections close after close() returns (it does not wait for them), and once, in CI, the last
 * of them had not folded the log 30 s later.
 */
async function closeApp(app: FastifyInstance, dbPath: string): Promise<void> {
  await app.close();
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The file is unchanged, and the server opened normally on it (in process) serves every vote. */
async function assertVotesUntouched(dbPath: string, bytes: Buffer): Promise<void> {
  assert.ok(readFileSync(dbPath).equals(bytes), 'the database file was changed by the failed start');
  const app = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS }, dbPath);
  try {
    assert.equal((await getPoll(app, 'single')).totalVotes, VOTES_IN_DATABASE);
  } finally {
    await app.close();
  }
}

/** One line starting with `egov-widgets:`, no stack trace. */
function assertClearFailure(result: { code: number | null; output: string }, expected: RegExp): void {
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, expected);
  assert.doesNotMatch(result.output, /^\s+at /m, 'a stack trace instead of a message');
  assert.doesNotMatch(result.output, READY_LINE, 'the server started anyway');
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
  const [node, ...args] = serverCommand();
  const child = spawn(node!, args, {
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
  // Only the file is protected: its folder stays writable (for SQLite's -wal and -shm files).
  if (runningAsRoot) chmodSync(path.dirname(file), 0o777);
  return runAsServiceUser(env);
}

/** Runs the server to its exit as a user that file modes bind: itself when not root, else `nobody`. */
function runAsServiceUser(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  if (!runningAsRoot) return runReferenceServerToExit({ dbPath: env.EGOV_DB!, env });
  const reason = whyNobodyCannotRunTheServer();
  assert.equal(reason, undefined, `running as root, which ignores file modes, and ${reason}: let uid ${NOBODY.uid} read the project`);
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
    assertClearFailure(result, /^egov-widgets: the database .*egov\.sqlite is read-only for this server .*Make the file, its -wal and -shm files and its folder writable/m);
    chmodSync(dbPath, 0o644);
    await assertVotesUntouched(dbPath, bytes);
  });

  it('names the files it may not write, the -shm file a failed start left read-only among them', async () => {
    const { dbPath, bytes } = await databaseWithVotes();
    // The service's user owns the file, as in a deployment.
    if (runningAsRoot) chownSync(dbPath, NOBODY.uid, NOBODY.gid);
    const env = { EGOV_DB: dbPath, EGOV_POLLS: FIXTURE_POLLS };
    await runWithUnwritableFile(dbPath, 0o444, env);
    // Told to make the file writable, the sysadmin does; SQLite made the -shm file with its mode.
    chmodSync(dbPath, 0o644);
    const again = await runAsServiceUser(env);
    // It said the same words again, as if nothing had been done.
    assertClearFailure(again, /^egov-widgets: the database .*egov\.sqlite is read-only for this server \(.*\)\. Not writable for it: \S*egov\.sqlite-shm\. Make the file, its -wal and -shm files and its folder writable/m);
    chmodSync(`${dbPath}-shm`, 0o644);
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
