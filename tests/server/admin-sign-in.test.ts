/**
 * Signing in: the lock-out after repeated failures (per account and per client), and what
 * the database keeps of passwords and clients (read from the SQLite file's bytes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addEditor } from '../../server/accounts/editors.js';
import { AdminClient, buildTestApp, EDITOR, expectApiError } from './admin-support.js';
import { serverCommand, storageEnv } from '../support/reference-server.mjs';
import { queryDatabase, REPO_ROOT, storedText } from './support.js';

let app: FastifyInstance;
let dbPath: string;
const OTHER_EDITOR = { username: 'thu-ky', password: 'Phuong-Anh-2026' };

before(async () => {
  ({ app, dbPath } = await buildTestApp());
  await addEditor(app.storage.accounts, OTHER_EDITOR.username, OTHER_EDITOR.password);
});

after(async () => {
  await app.close();
});

function expectLockedOut(response: Awaited<ReturnType<AdminClient['signIn']>>): void {
  const body = expectApiError(response, 429, 'rate_limited') as { retryAfter?: number };
  const retryAfter = Number(response.headers['retry-after']);
  // The window is 15 minutes: the wait is within it, and the body says the same.
  assert.ok(retryAfter >= 1 && retryAfter <= 900, `Retry-After: ${retryAfter}`);
  assert.equal(body.retryAfter, retryAfter);
  assert.equal(response.headers['set-cookie'], undefined);
}

describe('sign-in lock-out', () => {
  it('locks an account after 5 failures, even for the right password, from any client', async () => {
    const attacker = new AdminClient(app, '203.0.113.7');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expectApiError(await attacker.signIn(EDITOR.username, `Doan-mo-${attempt}xx`), 401, 'bad_credentials');
    }
    expectLockedOut(await attacker.signIn(EDITOR.username, EDITOR.password));
    // The account is locked, not only that client…
    expectLockedOut(await new AdminClient(app, '198.51.100.20').signIn(EDITOR.username, EDITOR.password));
    // …and another account is not.
    assert.equal((await new AdminClient(app, '198.51.100.20').signIn(OTHER_EDITOR.username, OTHER_EDITOR.password)).statusCode, 204);
  });

  it('locks a client after 20 failures, whichever accounts it tried', async () => {
    const sprayer = new AdminClient(app, '203.0.113.99');
    // 4 per name: no account reaches its own limit.
    for (let attempt = 0; attempt < 20; attempt++) {
      expectApiError(await sprayer.signIn(`ten-${attempt % 5}`, 'Mat-khau-sai-1'), 401, 'bad_credentials');
    }
    expectLockedOut(await sprayer.signIn(OTHER_EDITOR.username, OTHER_EDITOR.password));
    // The same account from another client is fine.
    assert.equal((await new AdminClient(app, '198.51.100.21').signIn(OTHER_EDITOR.username, OTHER_EDITOR.password)).statusCode, 204);
  });

  it('a successful sign-in clears the account\'s failures', async () => {
    const client = new AdminClient(app, '198.51.100.30');
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        expectApiError(await client.signIn(OTHER_EDITOR.username, 'Khong-phai-1'), 401, 'bad_credentials');
      }
      assert.equal((await client.signIn(OTHER_EDITOR.username, OTHER_EDITOR.password)).statusCode, 204);
    }
  });

  it('says a lock-out on stderr, once, and a new password set on the server lifts it at once', async () => {
    // A database of its own: the password changes.
    const own = await buildTestApp();
    try {
      const attacker = new AdminClient(own.app, '203.0.113.21');
      const said: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((text: string) => said.push(String(text)) > 0) as typeof process.stderr.write;
      // A name is what the client typed: one that would end the line or turn the text around is escaped.
      const forged = 'x\n\u2028\u202e\u0085"y';
      try {
        for (let attempt = 1; attempt <= 6; attempt++) await attacker.signIn(EDITOR.username, `Doan-mo-${attempt}xx`);
        for (let attempt = 1; attempt <= 5; attempt++) await new AdminClient(own.app, '203.0.113.22').signIn(forged, `Doan-mo-${attempt}xx`);
      } finally {
        process.stderr.write = write;
      }
      const ending = ' cannot sign in for up to 15 minutes after 5 wrong passwords (an editor of that name: lifted at once by a new password, user passwd <name> --password-stdin).\n';
      assert.deepEqual(said, [
        `egov-widgets: the name "${EDITOR.username}"${ending}`,
        `egov-widgets: the name "x\\n\\u2028\\u202e\\u0085\\"y"${ending}`,
      ]);
      expectLockedOut(await new AdminClient(own.app, '198.51.100.4').signIn(EDITOR.username, EDITOR.password));

      const [node, ...command] = serverCommand();
      const changed = spawnSync(node!, [...command, 'user', 'passwd', EDITOR.username, '--password-stdin'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...(await storageEnv(own.dbPath)) },
        input: 'Mat-Khau-Moi-9x',
        encoding: 'utf8',
      });
      assert.equal(changed.status, 0, changed.stderr);
      assert.match(changed.stdout, /their sessions are ended, any lock-out lifted\.$/m);
      assert.equal((await new AdminClient(own.app, '198.51.100.4').signIn(EDITOR.username, 'Mat-Khau-Moi-9x')).statusCode, 204);
    } finally {
      await own.app.close();
    }
  });

  it('keeps failures under salted hashes: no address or user name in storage', async () => {
    const keys = (await queryDatabase<{ key: string }>(dbPath, 'SELECT DISTINCT key FROM sign_in_failures')).map((row) => row.key);
    assert.ok(keys.length >= 2);
    for (const key of keys) {
      assert.match(key, /^(account|client):[A-Za-z0-9_-]{43}$/);
    }
    const bytes = await storedText(dbPath);
    for (const secret of ['203.0.113.7', '203.0.113.99', '198.51.100.20']) assert.ok(!bytes.includes(secret), secret);
  });
});

describe('sign-in lock-out, under a burst', () => {
  let burstApp: FastifyInstance;
  before(async () => ({ app: burstApp } = await buildTestApp()));
  after(async () => burstApp.close());

  it('counts a burst sent at once as it goes: 5 wrong passwords checked, the rest refused', async () => {
    // From 24 addresses at once, so that only the account's limit is in play.
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, index) => new AdminClient(burstApp, `192.0.2.${index + 1}`).signIn(EDITOR.username, `Sai-mat-khau-${index}`)),
    );
    const codes = burst.map((response) => response.statusCode);
    assert.deepEqual(
      [codes.filter((code) => code === 401).length, codes.filter((code) => code === 429).length],
      [5, 19],
      `answers: ${codes.join(' ')}`,
    );
    expectLockedOut(await new AdminClient(burstApp, '192.0.2.200').signIn(EDITOR.username, EDITOR.password));
  });
});

describe('passwords in the database', () => {
  it('stores scrypt hashes only: no password anywhere in the file', async () => {
    const hashes = (await queryDatabase<{ password_hash: string }>(dbPath, 'SELECT password_hash FROM editors')).map((row) => row.password_hash);
    assert.equal(hashes.length, 2);
    for (const hash of hashes) assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    // Each user has a salt of their own.
    assert.notEqual(hashes[0]!.split('$')[4], hashes[1]!.split('$')[4]);
    const bytes = await storedText(dbPath);
    for (const password of [EDITOR.password, OTHER_EDITOR.password]) {
      assert.ok(!bytes.includes(password), 'plain password in the file');
      assert.ok(!bytes.includes(Buffer.from(password).toString('base64')), 'base64 password in the file');
    }
  });
});
