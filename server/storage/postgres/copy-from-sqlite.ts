/**
 * `egov-poll-server migrate-to-postgres`: copies a SQLite database (EGOV_DB) into an empty
 * PostgreSQL database (EGOV_DATABASE_URL) — polls, options, every ballot with its voter token,
 * time and options, the editors' accounts and sessions, sign-in failures and the audit trail
 * (see TABLES) — in one transaction, and checks that every count came across before it
 * commits. The SQLite file is opened read-only and left as it was.
 */
import Database from 'better-sqlite3';
import type pg from 'pg';
import { StartupError } from '../../errors.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../sqlite/migrations.js';
import type { AdminPollRow } from '../sqlite/poll-store.js';
import { describeTarget, openMigrated, SCHEMA_LOCK } from './db.js';

/** A SQLite poll row with the column that says whether an editor owns it. */
type PollRow = AdminPollRow & { managed_by_admin: number };

/**
 * Every table after `polls`, in an order its foreign keys accept: the rows as SQLite has them,
 * and the insert that takes them column-wise (one array per column, `unnest` in PostgreSQL).
 *
 * Everything an editor or a voter would miss moves. Editors keep their accounts (password
 * hashes) and their open sessions (only token hashes are stored, with their times: a signed-in
 * editor stays signed in, and a session ends when it would have). Sign-in failures move with
 * `secrets`, the key they are hashed with: a lock-out in progress holds through the move
 * instead of giving a password guesser a fresh count. The audit trail keeps its order. Not
 * copied, because SQLite has none: the vote rate limit's counts and salt, which a single
 * process keeps in memory; the first PostgreSQL process makes a new salt, and the counts are
 * windows of a minute.
 */
const TABLES: readonly { name: string; select: string; insert: string }[] = [
  {
    name: 'editors',
    select: 'SELECT username, password_hash, created_at FROM editors',
    insert: 'INSERT INTO editors (username, password_hash, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])',
  },
  {
    name: 'sessions',
    select: 'SELECT token_hash, username, created_at, last_seen_at FROM sessions',
    insert: `INSERT INTO sessions (token_hash, username, created_at, last_seen_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])`,
  },
  {
    name: 'secrets',
    select: 'SELECT name, value FROM secrets',
    insert: 'INSERT INTO secrets (name, value) SELECT * FROM unnest($1::text[], $2::bytea[])',
  },
  {
    name: 'sign_in_failures',
    select: 'SELECT key, at FROM sign_in_failures',
    insert: 'INSERT INTO sign_in_failures (key, at) SELECT * FROM unnest($1::text[], $2::timestamptz[])',
  },
  {
    name: 'audit',
    select: 'SELECT at, actor, action, poll_id, detail FROM audit ORDER BY seq',
    insert: `INSERT INTO audit (at, actor, action, poll_id, detail)
             SELECT at, actor, action, poll_id, detail
             FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS a (at, actor, action, poll_id, detail, n)
             ORDER BY n`,
  },
  {
    name: 'options',
    select: 'SELECT poll_id, id, label, position FROM options',
    insert: 'INSERT INTO options (poll_id, id, label, position) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])',
  },
  {
    name: 'votes',
    select: 'SELECT poll_id, voter, created_at FROM votes',
    insert: 'INSERT INTO votes (poll_id, voter, created_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])',
  },
  {
    name: 'vote_options',
    select: 'SELECT poll_id, voter, option_id FROM vote_options',
    insert: 'INSERT INTO vote_options (poll_id, voter, option_id) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])',
  },
];

/** Rows sent to PostgreSQL per statement. */
const BATCH = 5000;

export interface CopySummary {
  polls: number;
  ballots: number;
}

export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<CopySummary> {
  const source = openSource(sqlitePath);
  // One read transaction: every table as it stood at one moment, even if a server still writes to
  // the file (a ballot read in votes but not in vote_options would break a foreign key). What it
  // writes after that moment is not copied: the README says to stop it first.
  source.exec('BEGIN');
  try {
    const client = await openMigrated(url);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const existing = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM polls');
      if (existing.rows[0]!.n > 0) {
        throw new StartupError(
          `${describeTarget(url)} already holds ${existing.rows[0]!.n} polls: migrate-to-postgres fills only an empty database ` +
            '(create a new one, and migrate before the first start of a server on it).',
        );
      }
      const summary = await copyRows(source, client);
      await assertSameCounts(source, client);
      await client.query('COMMIT');
      return summary;
    } catch (error) {
      // A connection lost meanwhile rolls back by itself; its error is the one to tell.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    source.close();
  }
}

function openSource(sqlitePath: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StartupError(`cannot open the SQLite database ${sqlitePath} (EGOV_DB): ${(error as Error).message}`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SQLITE_MIGRATIONS.length) {
    db.close();
    throw new StartupError(
      `the SQLite database ${sqlitePath} has schema version ${version}, this server ${SQLITE_MIGRATIONS.length}: ` +
        'start this version of the server on it once (it migrates the file), then migrate.',
    );
  }
  return db;
}

async function copyRows(source: Database.Database, client: pg.ClientBase): Promise<CopySummary> {
  const polls = source
    .prepare('SELECT id, question, multiple, closes_at, closed, archived, managed_by_admin, updated_at FROM polls')
    .all() as PollRow[];
  for (const poll of polls) {
    await client.query(
      `INSERT INTO polls (id, question, multiple, closes_at, closed, archived, managed_by_admin, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [poll.id, poll.question, poll.multiple === 1, poll.closes_at, poll.closed === 1, poll.archived === 1, poll.managed_by_admin === 1, poll.updated_at],
    );
  }
  const copied = new Map<string, number>();
  for (const table of TABLES) {
    const rows = source.prepare(table.select).raw().iterate() as IterableIterator<unknown[]>;
    copied.set(table.name, await copyInBatches(rows, (columns) => client.query(table.insert, columns)));
  }
  // The counters, from the rows just copied, in slot 0 (see migrations.ts).
  await client.query(
    `INSERT INTO vote_counts (poll_id, option_id, slot, votes)
     SELECT poll_id, '', 0, count(*) FROM votes GROUP BY poll_id
     UNION ALL SELECT poll_id, option_id, 0, count(*) FROM vote_options GROUP BY poll_id, option_id`,
  );
  return { polls: polls.length, ballots: copied.get('votes')! };
}

/** Sends the rows in batches, column-wise (one array per column); returns how many rows. */
async function copyInBatches(rows: IterableIterator<unknown[]>, insert: (columns: unknown[][]) => Promise<unknown>): Promise<number> {
  let count = 0;
  let columns: unknown[][] = [];
  for (const row of rows) {
    row.forEach((value, index) => (columns[index] ??= []).push(value));
    count++;
    if (columns[0]!.length === BATCH) {
      await insert(columns);
      columns = [];
    }
  }
  if (count % BATCH !== 0) await insert(columns);
  return count;
}

/** Every poll's ballot count and every option's count, compared before the commit. */
async function assertSameCounts(source: Database.Database, client: pg.ClientBase): Promise<void> {
  const counts = `SELECT 'poll ' || poll_id AS what, count(*) AS n FROM votes GROUP BY poll_id
                  UNION ALL SELECT 'option ' || poll_id || '/' || option_id, count(*) FROM vote_options GROUP BY poll_id, option_id`;
  const before = new Map((source.prepare(counts).all() as { what: string; n: number }[]).map((row) => [row.what, row.n]));
  const { rows } = await client.query<{ what: string; n: string }>(counts);
  const after = new Map(rows.map((row) => [row.what, Number(row.n)]));
  for (const [what, n] of before) {
    if (after.get(what) !== n) throw new Error(`copy check failed: ${what} has ${n} votes in SQLite, ${after.get(what) ?? 0} in PostgreSQL`);
  }
  if (after.size !== before.size) throw new Error('copy check failed: PostgreSQL counts votes that SQLite does not have');
}
