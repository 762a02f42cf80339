/**
 * Opens the SQLite file, checks it, and brings its schema up to date.
 *
 * Durability: WAL with `synchronous = FULL` makes every commit fsync the log before
 * better-sqlite3 returns, and better-sqlite3 is synchronous, so a `201` written after a
 * commit describes a vote that survives `kill -9` and power loss alike.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newerSchema, StartupError } from '../../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

const RECOVERY_HINT =
  'Restore it from a backup, or move it aside to start with an empty database (EGOV_DB names the file).';
/** Not a damaged file: moving it aside (the recovery hint) would set its votes aside for nothing. */
const PERMISSION_HINT =
  'Make the file, its -wal and -shm files and its folder writable by the user running the server; the votes in it are untouched.';
const PATH_HINT =
  'EGOV_DB must name a file (not a folder) that the user running the server may read and write, in a folder it may write.';

/** Opens (creating if needed) and migrates the database; any problem is a StartupError. */
export function openDatabase(filePath: string): Db {
  createParentFolder(filePath);
  let db: Db | undefined;
  try {
    createPrivately(filePath);
    db = new Database(filePath);
    configure(db);
    assertIntact(db);
    assertWritable(db);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StartupError) throw error;
    throw describeOpenFailure(filePath, error as Error);
  }
}

/**
 * Damage calls for a backup. A permission or path problem does not: there the recovery hint
 * (move the file aside) would set the votes aside for nothing.
 */
function describeOpenFailure(filePath: string, error: Error): StartupError {
  const code = error instanceof Database.SqliteError ? error.code : '';
  if (code.startsWith('SQLITE_READONLY')) {
    const unwritable = unwritableParts(filePath);
    const which = unwritable.length ? ` Not writable for it: ${unwritable.join(', ')}.` : '';
    return new StartupError(`the database ${filePath} is read-only for this server (${error.message}).${which} ${PERMISSION_HINT}`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StartupError(`cannot open the database ${filePath}: ${error.message}. ${PATH_HINT}`);
  }
  return new StartupError(`cannot open the database ${filePath}: ${error.message}. ${RECOVERY_HINT}`);
}

/**
 * The database's file, its WAL files and its folder, those there that this process may not write.
 * A failed start leaves the -shm file SQLite made with the file's mode: made writable again, the
 * file alone would be refused with the same words.
 */
function unwritableParts(filePath: string): string[] {
  return [filePath, `${filePath}-wal`, `${filePath}-shm`, path.dirname(filePath)].filter((part) => {
    try {
      accessSync(part, constants.W_OK);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  });
}

/**
 * A new database file is made empty, the server's user's alone, before SQLite opens it (made by
 * SQLite it would be readable by all for a moment, and a handle opened then stays readable): it
 * holds editors' password hashes, sessions and the keys of the rate limits. SQLite gives its WAL
 * files the same mode. A file that is there keeps the mode its owner gave it.
 */
function createPrivately(filePath: string): void {
  try {
    closeSync(openSync(filePath, 'wx', 0o600));
  } catch {
    // There already (EEXIST), or a path SQLite's open then refuses with the words for it.
  }
}

function createParentFolder(filePath: string): void {
  try {
    mkdirSync(path.dirname(filePath), { recursive: true });
  } catch (error) {
    throw new StartupError(`cannot create the folder for the database ${filePath}: ${(error as Error).message}`);
  }
}

/**
 * One more connection to a database that `openDatabase` has opened and migrated, with the same
 * settings (WAL, synchronous = FULL, foreign keys, busy timeout): for a thread of the server's own.
 */
export function connectDatabase(filePath: string): Db {
  const db = new Database(filePath, { fileMustExist: true });
  try {
    configure(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Db): void {
  // The first statement reads the file header: a file that is not SQLite fails here.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process holding the write lock (a backup, a second server) is waited for.
  db.pragma('busy_timeout = 5000');
}

/** Refuses a damaged file rather than counting on top of it. */
function assertIntact(db: Db): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    // quick_check lists problems on several lines; start-up errors are one line (README).
    const findings = String(result).split('\n').join('; ');
    throw new StartupError(`the database ${db.name} is damaged (quick_check: ${findings}). ${RECOVERY_HINT}`);
  }
}

/**
 * SQLite quietly opens a file it may not write (file permissions, a read-only mount) read-only;
 * the server then failed later, with a stack trace when loading the polls file or with a 500 at
 * the first vote. A write that is rolled back finds out here, so the message can say what to do.
 */
function assertWritable(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE write_probe (x)');
  } finally {
    db.exec('ROLLBACK');
  }
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw newerSchema(db.name, version, MIGRATIONS.length);
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
