/**
 * `egov-poll-server user …` and `serve --demo`, as real processes on a temporary database:
 * what an operator types, what it prints, what ends up in the file.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { addEditor, changePassword, createDemoEditor, ensureEditor, removeEditor } from '../../server/accounts/editors.js';
import { SqlitePollStorage } from '../../server/storage/sqlite/poll-store.js';
import { READY_LINE, serverCommand, temporaryDatabase } from '../support/reference-server.mjs';
import { FIXTURE_POLLS, readDatabase, REPO_ROOT, sqliteFileText, sqliteOnly } from './support.js';

const [NODE, ...CLI] = serverCommand();

function cliEnv(dbPath: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('EGOV_')));
  return { ...env, EGOV_DB: dbPath, EGOV_POLLS: FIXTURE_POLLS };
}

/** A database as the server's first start leaves it, for the user commands to work on. */
async function serversDatabase(): Promise<string> {
  const dbPath = temporaryDatabase();
  await SqlitePollStorage.open(dbPath).close();
  return dbPath;
}

function cli(dbPath: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(NODE!, [...CLI, ...args], { cwd: REPO_ROOT, env: cliEnv(dbPath), input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('egov-poll-server user', sqliteOnly('reads the file itself; multi-process.test.ts signs in on PostgreSQL'), () => {
  it('adds, lists, changes the password of and removes editors; stores only a hash', async () => {
    const dbPath = await serversDatabase();
    const added = cli(dbPath, ['user', 'add', 'bientap', '--password-stdin'], 'Mat-khau-Bien-Tap-1\n');
    assert.equal(added.status, 0, added.stderr);
    assert.equal(added.stdout, `egov-widgets: editor "bientap" created in ${dbPath}.\n`);
    assert.equal(cli(dbPath, ['user', 'add', 'thu-ky', '--password-stdin'], 'Mat-khau-Phong-2').status, 0);

    const listed = cli(dbPath, ['user', 'list']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n').map((line) => line.split('\t')[0]), ['bientap', 'thu-ky']);

    const hashBefore = readDatabase(dbPath, (db) => db.prepare("SELECT password_hash FROM editors WHERE username = 'bientap'").pluck().get());
    const changed = cli(dbPath, ['user', 'passwd', 'bientap', '--password-stdin'], 'Mat-khau-Moi-2026\r\n');
    assert.equal(changed.status, 0, changed.stderr);
    const hashAfter = readDatabase(dbPath, (db) => db.prepare("SELECT password_hash FROM editors WHERE username = 'bientap'").pluck().get());
    assert.notEqual(hashAfter, hashBefore);
    assert.match(String(hashAfter), /^scrypt\$32768\$8\$1\$/);

    const text = sqliteFileText(dbPath);
    for (const password of ['Mat-khau-Bien-Tap-1', 'Mat-khau-Phong-2', 'Mat-khau-Moi-2026']) assert.ok(!text.includes(password), password);

    const removed = cli(dbPath, ['user', 'remove', 'thu-ky']);
    assert.equal(removed.status, 0, removed.stderr);
    assert.deepEqual(
      readDatabase(dbPath, (db) => db.prepare('SELECT username FROM editors').pluck().all()),
      ['bientap'],
    );
  });

  it('refuses to make a database: run without the server’s settings, it would put the editor where the server never looks', () => {
    const dbPath = temporaryDatabase();
    for (const args of [['user', 'add', 'bientap', '--password-stdin'], ['user', 'list']]) {
      const refused = cli(dbPath, args, 'Mat-khau-Bien-Tap-1\n');
      assert.equal(refused.status, 1, refused.stdout);
      assert.ok(refused.stderr.startsWith(`egov-widgets: there is no database at ${dbPath}. `), refused.stderr);
      assert.match(refused.stderr, /start the server once, then run this command as the server's user/);
    }
    assert.equal(existsSync(dbPath), false);
  });

  it('refuses an empty or weak password and a bad user name, in words, with exit code 1', async () => {
    const dbPath = await serversDatabase();
    const cases: [string[], string, RegExp][] = [
      [['user', 'add', 'bientap', '--password-stdin'], '\n', /the password is empty/],
      [['user', 'add', 'bientap', '--password-stdin'], 'matkhaudaibangchu', /too weak: mix at least two kinds/],
      [['user', 'add', 'Biên Tập', '--password-stdin'], 'Mat-khau-2026', /user name "Biên Tập" is not valid/],
      [['user', 'passwd', 'khong-co', '--password-stdin'], 'Mat-khau-2026', /there is no editor "khong-co"/],
      [['user', 'add', 'bientap'], 'Mat-khau-2026', /usage: egov-poll-server user add <name> --password-stdin/],
    ];
    for (const [args, input, message] of cases) {
      const result = cli(dbPath, args, input);
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, /^egov-widgets: /);
      assert.match(result.stderr, message, args.join(' '));
    }
    assert.equal(readDatabase(dbPath, (db) => db.prepare('SELECT COUNT(*) FROM editors').pluck().get()), 0);
  });
});

describe('the account rules', sqliteOnly('rules, whatever the storage'), () => {
  it('names each problem: empty, short, one kind of character, the user name inside, a bad or taken name', async () => {
    const storage = SqlitePollStorage.open(temporaryDatabase());
    try {
      const accounts = storage.accounts;
      const cases: [string, string, RegExp][] = [
        ['bientap', '', /the password is empty/],
        ['bientap', 'Ngan-1', /too short: use at least 10 characters/],
        ['bientap', 'matkhaudaibangchu', /too weak: mix at least two kinds/],
        ['bientap', 'MATKHAUDAIBANGCHU', /too weak/],
        ['bientap', '1234567890123', /too weak/],
        ['bientap', 'Bientap-2026', /must not contain the user name/],
        ['Biên Tập', 'Mat-khau-2026', /user name "Biên Tập" is not valid/],
        ['b', 'Mat-khau-2026', /user name "b" is not valid/],
        ['-bientap', 'Mat-khau-2026', /is not valid/],
      ];
      for (const [name, password, message] of cases) {
        await assert.rejects(addEditor(accounts, name, password), message, `${name} / ${password}`);
      }
      assert.deepEqual(await accounts.listEditors(), []);
      // Ten characters of two kinds are enough, Vietnamese letters included.
      await addEditor(accounts, 'bientap', 'mậtkhẩu2026');
      await assert.rejects(addEditor(accounts, 'bientap', 'Mat-khau-2027'), /the editor "bientap" already exists/);
      await assert.rejects(removeEditor(accounts, 'khong-co'), /there is no editor "khong-co"/);
      await assert.rejects(changePassword(accounts, 'khong-co', 'Mat-khau-2027'), /there is no editor "khong-co"/);
    } finally {
      await storage.close();
    }
  });

  it('lets processes that start together (one database) each ensure the same editor, or the demo editor', async () => {
    const storage = SqlitePollStorage.open(temporaryDatabase());
    try {
      const accounts = storage.accounts;
      // Each reads "no such editor" before either adds it, as two processes starting at once do.
      const ensured = await Promise.all([ensureEditor(accounts, 'bientap', 'Mat-khau-2026'), ensureEditor(accounts, 'bientap', 'Mat-khau-2026')]);
      assert.deepEqual(ensured.sort(), [false, true]);
      const other = SqlitePollStorage.open(temporaryDatabase());
      try {
        const passwords = await Promise.all([createDemoEditor(other.accounts), createDemoEditor(other.accounts)]);
        assert.equal(passwords.filter((password) => password !== undefined).length, 1, 'one of them made it, and prints its password');
        assert.deepEqual((await other.accounts.listEditors()).map((editor) => editor.username), ['bientap']);
      } finally {
        await other.close();
      }
    } finally {
      await storage.close();
    }
  });
});

describe('serve --demo (npm start)', sqliteOnly('reads the file for the password'), () => {
  it('creates the demo editor once, prints how to sign in, and the printed password works', async () => {
    const dbPath = temporaryDatabase();
    const first = await startDemo(dbPath);
    try {
      const match = /sign in as "bientap" with the password (\S+)/.exec(first.output);
      assert.ok(match, first.output);
      const origin = first.url.replace(/\/$/, '');
      const signIn = await fetch(`${origin}/api/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username: 'bientap', password: match[1] }),
      });
      assert.equal(signIn.status, 204);
      assert.ok(!sqliteFileText(dbPath).includes(match[1]!));
    } finally {
      await first.stop();
    }
    // Next time the account exists: no new password, a hint instead.
    const second = await startDemo(dbPath);
    try {
      assert.doesNotMatch(second.output, /with the password/);
      assert.match(second.output, /sign in with an existing editor account/);
    } finally {
      await second.stop();
    }
  });
});

describe('serve --demo on a port in use', sqliteOnly('the demo on its own SQLite file'), () => {
  it('makes no demo editor, so the next start on a free port still prints its password', async () => {
    const dbPath = temporaryDatabase();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const failed = spawnSync(NODE!, [...CLI, 'serve', '--demo'], {
        cwd: REPO_ROOT,
        env: { ...cliEnv(dbPath), PORT: port, HOST: '127.0.0.1' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(failed.status, 1, failed.stderr);
      assert.match(failed.stderr, /the port is in use/);
    } finally {
      taken.close();
    }
    const started = await startDemo(dbPath);
    try {
      assert.match(started.output, /sign in as "bientap" with the password \S+/);
    } finally {
      await started.stop();
    }
  });
});

/** `serve --demo` on a free port, until it has printed the editors' page line. */
async function startDemo(dbPath: string): Promise<{ url: string; output: string; stop: () => Promise<void> }> {
  const child = spawn(NODE!, [...CLI, 'serve', '--demo'], {
    cwd: REPO_ROOT,
    env: { ...cliEnv(dbPath), PORT: '0', HOST: '127.0.0.1', EGOV_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no editors' line: ${output}`)), 30_000);
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        output += text;
        if (/editors' page: /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`exited: ${output}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const url = READY_LINE.exec(output)![1]!.replace('localhost', '127.0.0.1');
  return { url, output, stop };
}
