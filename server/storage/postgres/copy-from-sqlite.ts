/**
 * `egov-poll-server migrate-to-postgres`: copies a SQLite database (EGOV_DB) into an empty
 * PostgreSQL database (EGOV_DATABASE_URL) — polls, options, every ballot with its voter token,
 * time and options, the editors' accounts and the audit trail — in one transaction, and checks that every count came across before it
 * commits. The SQLite file is opened read-only and left as it was.
 */
import Database from 'better-sqlite3';
import type pg from 'pg';
import { StartupError } from '../../errors.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../sqlite/migrations.js';
import { describeTarget, openPool, SCHEMA_LOCK } from './db.js';

interface PollRow {
  id: string;
  question: string;
  multiple: number;
  closes_at: string | null;
  closed: number;
  archived: number;
  managed_by_admin: number;
  updated_at: string;
}

/** Rows sent to PostgreSQL per statement. */
const BATCH = 5000;

export interface CopySummary {
  polls: number;
  ballots: number;
}

export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<CopySummary> {
  const source = openSource(sqlitePath);
  try {
    const pool = await openPool(url);
    const client = await pool.connect();
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
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
      await pool.end();
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

async function copyRows(source: Database.Database, client: pg.PoolClient): Promise<CopySummary> {
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
  // Editors keep their accounts (password hashes) and the audit trail its history; sessions and
  // sign-in failures are not copied: editors sign in again after the move.
  await copyInBatches(
    source.prepare('SELECT username, password_hash, created_at FROM editors').raw().iterate() as IterableIterator<unknown[]>,
    (columns) =>
      client.query('INSERT INTO editors (username, password_hash, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])', columns),
    3,
  );
  await copyInBatches(
    source.prepare('SELECT at, actor, action, poll_id, detail FROM audit ORDER BY seq').raw().iterate() as IterableIterator<unknown[]>,
    (columns) =>
      client.query(
        `INSERT INTO audit (at, actor, action, poll_id, detail)
         SELECT at, actor, action, poll_id, detail
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS a (at, actor, action, poll_id, detail, n)
         ORDER BY n`,
        columns,
      ),
    5,
  );
  await copyInBatches(
    source.prepare('SELECT poll_id, id, label, position FROM options').raw().iterate() as IterableIterator<unknown[]>,
    (columns) =>
      client.query(
        'INSERT INTO options (poll_id, id, label, position) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])',
        columns,
      ),
    4,
  );
  const ballots = await copyInBatches(
    source.prepare('SELECT poll_id, voter, created_at FROM votes').raw().iterate() as IterableIterator<unknown[]>,
    (columns) =>
      client.query('INSERT INTO votes (poll_id, voter, created_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])', columns),
    3,
  );
  await copyInBatches(
    source.prepare('SELECT poll_id, voter, option_id FROM vote_options').raw().iterate() as IterableIterator<unknown[]>,
    (columns) =>
      client.query('INSERT INTO vote_options (poll_id, voter, option_id) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])', columns),
    3,
  );
  // The counters, from the rows just copied, in slot 0 (see migrations.ts).
  await client.query(
    `INSERT INTO vote_counts (poll_id, option_id, slot, votes)
     SELECT poll_id, '', 0, count(*) FROM votes GROUP BY poll_id
     UNION ALL SELECT poll_id, option_id, 0, count(*) FROM vote_options GROUP BY poll_id, option_id`,
  );
  return { polls: polls.length, ballots };
}

/** Sends the rows in batches, column-wise (one array per column); returns how many rows. */
async function copyInBatches(
  rows: IterableIterator<unknown[]>,
  insert: (columns: unknown[][]) => Promise<unknown>,
  width: number,
): Promise<number> {
  let count = 0;
  let columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) {
    row.forEach((value, index) => columns[index]!.push(value));
    count++;
    if (columns[0]!.length === BATCH) {
      await insert(columns);
      columns = Array.from({ length: width }, () => []);
    }
  }
  if (columns[0]!.length > 0) await insert(columns);
  return count;
}

/** Every poll's ballot count and every option's count, compared before the commit. */
async function assertSameCounts(source: Database.Database, client: pg.PoolClient): Promise<void> {
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
