/**
 * Editors, their sessions and sign-in failures in PostgreSQL (the `AccountStorage` of
 * storage.ts), shared by every server process: a session opened on one process works on all.
 */
import { randomBytes } from 'node:crypto';
import type { AccountStorage, EditorSummary, SessionRecord } from '../storage.js';
import type { Pool } from './db.js';

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

export class PostgresAccountStorage implements AccountStorage {
  constructor(private readonly pool: Pool) {}

  async addEditor(username: string, passwordHash: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO editors (username, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING',
      [username, passwordHash, at],
    );
    return rowCount === 1;
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    // One statement: a new password ends every session opened with the old one.
    const { rows } = await this.pool.query<{ changed: boolean }>(
      `WITH changed AS (UPDATE editors SET password_hash = $2 WHERE username = $1 RETURNING username),
            ended AS (DELETE FROM sessions WHERE username = $1)
       SELECT EXISTS (SELECT 1 FROM changed) AS changed`,
      [username, passwordHash],
    );
    return rows[0]!.changed;
  }

  async removeEditor(username: string): Promise<boolean> {
    // Sessions go with the editor (ON DELETE CASCADE).
    const { rowCount } = await this.pool.query('DELETE FROM editors WHERE username = $1', [username]);
    return rowCount === 1;
  }

  async listEditors(): Promise<EditorSummary[]> {
    const { rows } = await this.pool.query<{ username: string; created_at: Date }>(
      'SELECT username, created_at FROM editors ORDER BY username COLLATE "C"',
    );
    return rows.map((row) => ({ username: row.username, createdAt: row.created_at.toISOString() }));
  }

  async readPasswordHash(username: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ password_hash: string }>('SELECT password_hash FROM editors WHERE username = $1', [username]);
    return rows[0]?.password_hash;
  }

  async createSession(tokenHash: string, username: string, at: string): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, username, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
      tokenHash,
      username,
      at,
    ]);
  }

  async readSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ username: string; created_at: Date; last_seen_at: Date }>(
      'SELECT username, created_at, last_seen_at FROM sessions WHERE token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row && { username: row.username, createdAt: row.created_at.toISOString(), lastSeenAt: row.last_seen_at.toISOString() };
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.pool.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, at]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [idleBefore, createdBefore]);
  }

  async recordSignInFailure(keys: readonly string[], at: string): Promise<void> {
    await this.pool.query('INSERT INTO sign_in_failures (key, at) SELECT unnest($1::text[]), $2', [[...keys], at]);
  }

  async countSignInFailures(key: string, since: string): Promise<{ count: number; oldest: string | null }> {
    const { rows } = await this.pool.query<{ count: number; oldest: Date | null }>(
      'SELECT count(*)::int AS count, min(at) AS oldest FROM sign_in_failures WHERE key = $1 AND at >= $2',
      [key, since],
    );
    return { count: rows[0]!.count, oldest: iso(rows[0]!.oldest) };
  }

  async clearSignInFailures(key: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
  }

  async forgetSignInFailures(before: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE at < $1', [before]);
  }

  async secret(name: string): Promise<Buffer> {
    // Whichever process comes first makes it; every other one reads the same value.
    await this.pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32)]);
    const { rows } = await this.pool.query<{ value: Buffer }>('SELECT value FROM secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  }
}
