/**
 * The settings the "201 only after the vote is on disk" promise rests on (SECURITY.md): the
 * database in WAL mode, and `synchronous = FULL`, under which SQLite syncs the WAL file at every
 * commit. SIGKILL tests cannot see a missing sync (the OS still has the data); these tests can.
 *
 * WAL is persistent, so it is read back from the file the running server made. `synchronous` is
 * a setting of the server's own connection, invisible from another one: it is read back from the
 * connection `openDatabase` returns, and, where `strace` can watch the running server, seen at
 * work as an `fdatasync`/`fsync` of the WAL file before each `201`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
// The server's own way of opening the database.
import { openDatabase } from '../../server/storage/sqlite/db.js';
import { startReferenceServer, temporaryDatabase } from '../support/reference-server.mjs';
import { FIXTURE_POLLS, newVoter, postVote, sqliteOnly } from './support.js';

const env = { EGOV_POLLS: FIXTURE_POLLS };
/** SQLite's `PRAGMA synchronous` values. */
const SYNCHRONOUS = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' } as const;
const VOTES = 3;

/** Bytes 18 and 19 of an SQLite file: the write and read format versions, 2 for WAL. */
function formatVersions(dbPath: string): [number, number] {
  const header = Buffer.alloc(20);
  const fd = openSync(dbPath, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return [header[18]!, header[19]!];
}

const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe('durability settings', sqliteOnly('the SQLite file and connection; PostgreSQL refuses fsync or synchronous_commit off at start (startup-postgres.test.ts)'), () => {
  it('the running server made its database a WAL database', async () => {
    const server = await startReferenceServer({ env });
    try {
      assert.deepEqual(formatVersions(server.dbPath), [2, 2]);
      const reader = new Database(server.dbPath, { readonly: true, fileMustExist: true });
      try {
        assert.equal(reader.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        reader.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('the server opens its database with synchronous = FULL', () => {
    const db = openDatabase(temporaryDatabase());
    try {
      const level = db.pragma('synchronous', { simple: true }) as keyof typeof SYNCHRONOUS;
      assert.equal(SYNCHRONOUS[level], 'FULL');
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it(`the running server syncs the WAL file to disk at each committed vote (${VOTES} votes)`, { skip: !hasStrace && 'strace is not installed' }, async () => {
    const server = await startReferenceServer({ env });
    const log = `${server.dbPath}.strace`;
    // -y names each file descriptor's file; -f follows better-sqlite3's threads.
    const tracer = spawn('strace', ['-f', '-y', '-e', 'trace=fsync,fdatasync', '-o', log, '-p', String(server.child.pid)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let traced = '';
    tracer.stderr.setEncoding('utf8').on('data', (text) => (traced += text));
    try {
      for (let waited = 0; !/attached/.test(traced); waited += 20) {
        assert.ok(waited < 10_000, `strace did not attach: ${traced}`);
        await sleep(20);
      }
      for (let index = 0; index < VOTES; index++) {
        const response = await postVote(server.url, 'multi', { options: ['x'], voter: newVoter() });
        assert.equal(response.status, 201);
      }
    } finally {
      tracer.kill('SIGINT');
      await new Promise((resolve) => tracer.once('exit', resolve));
      await server.stop();
    }
    const walSyncs = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => /\b(?:fsync|fdatasync)\(\d+<[^>]*egov\.sqlite-wal>\)\s*= 0/.test(line));
    assert.ok(walSyncs.length >= VOTES, `${walSyncs.length} syncs of the WAL file for ${VOTES} committed votes`);
    console.log(`figure: durability: ${VOTES} votes, ${walSyncs.length} syncs of the WAL file for their commits (synchronous = FULL, WAL)`);
  });
});
