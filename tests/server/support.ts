/**
 * What the server test files share: the fixture polls, vote requests, raw HTTP for
 * requests `fetch` would refuse or normalise, and direct reads of the SQLite file.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { PollResults } from '../../server/storage/storage.js';

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

/** POSTs a JSON-serialisable body (or a raw string) as application/json. */
export function postVote(
  baseUrl: string,
  pollId: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/api/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getPoll(baseUrl: string, pollId: string): Promise<PollBody> {
  const response = await fetch(`${baseUrl}/api/polls/${pollId}`);
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
 * add a Content-Length, or refuse some bodies).
 */
export function rawRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
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

export function countStoredVotes(dbPath: string, pollId: string): { total: number; perOption: Record<string, number> } {
  return readDatabase(dbPath, (db) => {
    const total = (db.prepare('SELECT COUNT(*) AS n FROM votes WHERE poll_id = ?').get(pollId) as { n: number }).n;
    const rows = db
      .prepare('SELECT option_id, COUNT(*) AS n FROM vote_options WHERE poll_id = ? GROUP BY option_id')
      .all(pollId) as { option_id: string; n: number }[];
    return { total, perOption: Object.fromEntries(rows.map((row) => [row.option_id, row.n])) };
  });
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
