/**
 * What the server test files share: the fixture polls, the app built in process, requests
 * that reach either a real server process or that app (`Target`), raw HTTP for requests
 * `fetch` would refuse or normalise, and direct reads of the database — the SQLite file, or
 * PostgreSQL when the suite runs with EGOV_TEST_POSTGRES_URL (`npm test -- server-pg`).
 *
 * In process (`app.inject()`, no socket) is the default for a test of what the server
 * answers; a real process (tests/support/reference-server.mjs) is for what only a process
 * or a socket shows: start-up and exit, crashes, concurrency, timeouts, the HTTP parser,
 * paths `..` that a URL parser would normalise, streamed bodies, stderr.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import type { PollResults } from '../../server/storage/storage.js';
import { isPostgresUrl, STORAGE, storageEnv, temporaryDatabase } from '../support/reference-server.mjs';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const FIXTURE_POLLS = path.join(FIXTURES, 'polls.json');
export const REPO_ROOT = path.resolve(FIXTURES, '..', '..', '..');

/** The poll body of the API, as the server defines it. */
export type PollBody = PollResults;

export interface ErrorBody {
  error: string;
  message: string;
  poll?: PollBody;
  retryAfter?: number;
}

export function newVoter(): string {
  return randomUUID();
}

/** The server a request goes to: a real process's URL (`http://127.0.0.1:…`), or an app in process. */
export type Target = string | FastifyInstance;

/**
 * The server built in process on a fresh database of this run's storage (SQLite file, or a
 * PostgreSQL schema in `npm test -- server-pg`), set up as startReferenceServer sets up a
 * process: the rate limit off unless `env` sets it. Close it with `app.close()`.
 */
export async function buildServerApp(env: Record<string, string> = {}, dbPath = temporaryDatabase()): Promise<FastifyInstance> {
  return buildApp(readConfig({ EGOV_RATE_LIMIT: '0', ...(await storageEnv(dbPath)), ...env }));
}

/**
 * What an in-process app (`buildServerApp`, `app.inject()`) writes on this process's stderr while
 * `run` runs, line by line; written nowhere else meanwhile.
 */
export async function captureStderr(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((text: string | Uint8Array) => {
    lines.push(...String(text).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stderr.write = write;
  }
  return lines;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * `fetch` of `path` on a real server, or the same request through `app.inject()`, answered
 * as a `Response` either way.
 */
export async function request(target: Target, path: string, options: RequestOptions = {}): Promise<Response> {
  if (typeof target === 'string') return fetch(`${target}${path}`, options);
  const reply = await target.inject({
    method: (options.method ?? 'GET') as 'GET',
    url: path,
    ...(options.headers && { headers: options.headers }),
    ...(options.body !== undefined && { payload: options.body }),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, String(one));
  }
  const bodiless = [204, 205, 304].includes(reply.statusCode) || options.method === 'HEAD';
  return new Response(bodiless ? null : new Uint8Array(reply.rawPayload), { status: reply.statusCode, headers });
}

/** POSTs a JSON-serialisable body (or a raw string) as application/json. */
export function postVote(target: Target, pollId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request(target, `/api/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getPoll(target: Target, pollId: string): Promise<PollBody> {
  const response = await request(target, `/api/polls/${pollId}`);
  if (response.status !== 200) throw new Error(`GET ${pollId}: ${response.status}`);
  return (await response.json()) as PollBody;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One request with exactly these bytes, path and headers (fetch would normalise `..`,
 * add a Content-Length, or refuse some bodies). In process, the body's bytes and the headers
 * arrive as given; a path with `..` or a chunked body needs a real server.
 */
export async function rawRequest(
  target: Target,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean },
): Promise<RawResponse> {
  if (typeof target !== 'string') {
    if (options.chunked || options.path.includes('..')) throw new Error('a chunked body or a path with .. needs a real server');
    const reply = await target.inject({
      method: (options.method ?? 'GET') as 'GET',
      url: options.path,
      ...(options.headers && { headers: options.headers }),
      ...(options.body !== undefined && { payload: options.body }),
    });
    return { status: reply.statusCode, headers: reply.headers as http.IncomingHttpHeaders, text: reply.body };
  }
  const { hostname, port } = new URL(target);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
        response.on('error', reject);
      },
    );
    // A server refusing a large body may close before it is all sent; the answer still arrives.
    request.on('error', reject);
    if (options.body !== undefined) {
      if (options.chunked) request.setHeader('transfer-encoding', 'chunked');
      request.write(options.body);
    }
    request.end();
  });
}

/** Reads the server's SQLite file directly, the way an auditor would. */
export function readDatabase<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** This run's servers keep their data in PostgreSQL (`npm test -- server-pg`). */
export const ON_POSTGRES = STORAGE === 'postgres';

/** Test options that skip, on the PostgreSQL pass, a test of the SQLite file itself. */
export function sqliteOnly(reason: string): { skip?: string } {
  return ON_POSTGRES ? { skip: `SQLite only: ${reason}` } : {};
}

/**
 * The rows of one query on the server's database (SQLite file or postgres:// URL), read
 * directly. SQL both databases understand, with parameters `$1`, `$2`…; counts need
 * `CAST(COUNT(*) AS INTEGER)` (PostgreSQL's COUNT is a bigint, which arrives as a string).
 */
export async function queryDatabase<T>(dbPath: string, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (isPostgresUrl(dbPath)) return (await postgresPool(dbPath).query(sql, [...params])).rows as T[];
  // SQLite numbers its parameters by position: `$2 … $1` becomes `? … ?` with the values reordered.
  const order = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]) - 1);
  const values = order.map((index) => params[index]);
  const text = sql.replace(/\$\d+/g, '?');
  const rows = readDatabase(dbPath, (db) => {
    const statement = db.prepare(text);
    return statement.reader ? (statement.all(...values) as T[]) : undefined;
  });
  if (rows) return rows;
  // A change (tests that age a session, say): read-write, for this statement only.
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.prepare(text).run(...values);
    return [];
  } finally {
    db.close();
  }
}

/**
 * One connection per database URL (schema), kept between queries: a test that reads the database
 * after each of hundreds of votes no longer pays a connection and its password exchange each time.
 * Each query still commits on its own and sees what the server committed before it. An idle
 * connection does not keep the test process alive, and closes after a second.
 */
const pools = new Map<string, pg.Pool>();
function postgresPool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    // An idle connection the server closes (a test stopping it) is dropped by the pool; a query still fails.
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

/**
 * Everything stored, as text to search for what must not be there: on PostgreSQL every row of
 * every table, else the SQLite file's bytes (`sqliteFileText`).
 */
export async function storedText(dbPath: string): Promise<string> {
  if (!isPostgresUrl(dbPath)) return sqliteFileText(dbPath);
  const tables = await queryDatabase<{ name: string }>(
    dbPath,
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  );
  let text = '';
  for (const { name } of tables) {
    for (const row of await queryDatabase<{ text: string }>(dbPath, `SELECT t::text AS text FROM ${name} t`)) text += row.text;
  }
  return text;
}

/** The SQLite file's bytes with its WAL (recent writes may still be there), as Latin-1 text. */
export function sqliteFileText(dbPath: string): string {
  const read = (file: string) => {
    try {
      return readFileSync(file).toString('latin1');
    } catch {
      return '';
    }
  };
  return read(dbPath) + read(`${dbPath}-wal`);
}

/** No table at all: the file does not exist, or the PostgreSQL schema is empty. */
export async function isDatabaseEmpty(dbPath: string): Promise<boolean> {
  if (!isPostgresUrl(dbPath)) return !existsSync(dbPath);
  const [tables] = await queryDatabase<{ n: number }>(
    dbPath,
    'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_schema = current_schema()',
  );
  return tables!.n === 0;
}

/** Ballots and chosen options as stored rows: the truth the counts must equal. */
export async function countStoredVotes(dbPath: string, pollId: string): Promise<{ total: number; perOption: Record<string, number> }> {
  const [ballots] = await queryDatabase<{ n: number }>(dbPath, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM votes WHERE poll_id = $1', [pollId]);
  const rows = await queryDatabase<{ option_id: string; n: number }>(
    dbPath,
    'SELECT option_id, CAST(COUNT(*) AS INTEGER) AS n FROM vote_options WHERE poll_id = $1 GROUP BY option_id',
    [pollId],
  );
  return { total: ballots!.n, perOption: Object.fromEntries(rows.map((row) => [row.option_id, row.n])) };
}

/**
 * The server's own counters, which each storage keeps its way: SQLite in `polls.total_votes`
 * and `options.votes`, PostgreSQL as slot rows of `vote_counts` (option '' for the ballots).
 */
export async function storedCounters(dbPath: string, pollId: string): Promise<{ total: number; perOption: Record<string, number> }> {
  const [total, options] = isPostgresUrl(dbPath)
    ? [
        "SELECT CAST(COALESCE(SUM(votes), 0) AS INTEGER) AS n FROM vote_counts WHERE poll_id = $1 AND option_id = ''",
        `SELECT o.id, CAST(COALESCE(SUM(c.votes), 0) AS INTEGER) AS votes FROM options o
         LEFT JOIN vote_counts c ON c.poll_id = o.poll_id AND c.option_id = o.id WHERE o.poll_id = $1 GROUP BY o.id`,
      ]
    : ['SELECT total_votes AS n FROM polls WHERE id = $1', 'SELECT id, votes FROM options WHERE poll_id = $1'];
  const [counter] = await queryDatabase<{ n: number }>(dbPath, total, [pollId]);
  const rows = await queryDatabase<{ id: string; votes: number }>(dbPath, options, [pollId]);
  return { total: counter!.n, perOption: Object.fromEntries(rows.map((row) => [row.id, row.votes])) };
}

/** Asserts that the poll's counters equal its stored rows: every ballot, every chosen option. */
export async function assertCountsEqualRows(dbPath: string, pollId: string): Promise<void> {
  const rows = await countStoredVotes(dbPath, pollId);
  const counters = await storedCounters(dbPath, pollId);
  assert.equal(counters.total, rows.total, `${pollId}: total counter`);
  for (const [optionId, votes] of Object.entries(counters.perOption)) {
    assert.equal(votes, rows.perOption[optionId] ?? 0, `${pollId}: counter of ${optionId}`);
  }
}

export function optionCounts(poll: PollBody): Record<string, number> {
  return Object.fromEntries(poll.options.filter((option) => option.votes > 0).map((option) => [option.id, option.votes]));
}

/** Polls `condition` until it holds; fails after `timeoutMs`, naming `what` was awaited. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}
