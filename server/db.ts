/**
 * Opens the SQLite file, checks it, and brings its schema up to date.
 *
 * Durability: WAL with `synchronous = FULL` makes every commit fsync the log before
 * better-sqlite3 returns, and better-sqlite3 is synchronous, so a `201` written after a
 * commit describes a vote that survives `kill -9` and power loss alike.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from './errors.js';

export type Db = Database.Database;

/**
 * Schema versions, applied in order; `PRAGMA user_version` records how many ran.
 * Append new migrations, never edit old ones: existing files have already run them.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE polls (
    id          TEXT PRIMARY KEY,
    question    TEXT NOT NULL,
    multiple    INTEGER NOT NULL,
    closes_at   TEXT,                       -- ISO 8601 UTC, NULL = no end
    closed      INTEGER NOT NULL DEFAULT 0, -- closed by hand in the polls file
    archived    INTEGER NOT NULL DEFAULT 0, -- no longer in the polls file: kept, not served
    total_votes INTEGER NOT NULL DEFAULT 0  -- kept by triggers, see below
  ) STRICT;

  CREATE TABLE options (
    poll_id  TEXT NOT NULL REFERENCES polls(id),
    id       TEXT NOT NULL,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    votes    INTEGER NOT NULL DEFAULT 0,    -- kept by triggers, see below
    PRIMARY KEY (poll_id, id)
  ) STRICT;

  -- One ballot per voter per poll: the primary key is what enforces it.
  CREATE TABLE votes (
    poll_id    TEXT NOT NULL REFERENCES polls(id),
    voter      TEXT NOT NULL,               -- the random UUID kept by the browser
    created_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter)
  ) STRICT;

  -- The options chosen on a ballot (several in a multiple-choice poll).
  CREATE TABLE vote_options (
    poll_id   TEXT NOT NULL,
    voter     TEXT NOT NULL,
    option_id TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter, option_id),
    FOREIGN KEY (poll_id, voter) REFERENCES votes (poll_id, voter) ON DELETE CASCADE,
    FOREIGN KEY (poll_id, option_id) REFERENCES options (poll_id, id)
  ) STRICT;
  CREATE INDEX vote_options_by_option ON vote_options (poll_id, option_id);

  -- The counters change in the same statement, hence the same transaction, as the rows
  -- they count: they always equal COUNT(*) and reading results costs no table scan.
  CREATE TRIGGER votes_count_insert AFTER INSERT ON votes BEGIN
    UPDATE polls SET total_votes = total_votes + 1 WHERE id = NEW.poll_id;
  END;
  CREATE TRIGGER votes_count_delete AFTER DELETE ON votes BEGIN
    UPDATE polls SET total_votes = total_votes - 1 WHERE id = OLD.poll_id;
  END;
  CREATE TRIGGER vote_options_count_insert AFTER INSERT ON vote_options BEGIN
    UPDATE options SET votes = votes + 1 WHERE poll_id = NEW.poll_id AND id = NEW.option_id;
  END;
  CREATE TRIGGER vote_options_count_delete AFTER DELETE ON vote_options BEGIN
    UPDATE options SET votes = votes - 1 WHERE poll_id = OLD.poll_id AND id = OLD.option_id;
  END;
  `,
];

const RECOVERY_HINT =
  'Restore it from a backup, or move it aside to start with an empty database (EGOV_DB names the file).';
/** Not a damaged file: moving it aside (the recovery hint) would set its votes aside for nothing. */
const PERMISSION_HINT =
  'Make the file and its folder writable by the user running the server; the votes in it are untouched.';
const PATH_HINT =
  'EGOV_DB must name a file (not a folder) that the user running the server may read and write, in a folder it may write.';

/** Opens (creating if needed) and migrates the database; any problem is a StartupError. */
export function openDatabase(filePath: string): Db {
  createParentFolder(filePath);
  let db: Db | undefined;
  try {
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
    return new StartupError(`the database ${filePath} is read-only for this server (${error.message}). ${PERMISSION_HINT}`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StartupError(`cannot open the database ${filePath}: ${error.message}. ${PATH_HINT}`);
  }
  return new StartupError(`cannot open the database ${filePath}: ${error.message}. ${RECOVERY_HINT}`);
}

function createParentFolder(filePath: string): void {
  try {
    mkdirSync(path.dirname(filePath), { recursive: true });
  } catch (error) {
    throw new StartupError(`cannot create the folder for the database ${filePath}: ${(error as Error).message}`);
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
    throw new StartupError(
      `the database ${db.name} has schema version ${version}, newer than this server knows (${MIGRATIONS.length})`,
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
