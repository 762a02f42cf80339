/**
 * Editors, their sessions and sign-in failures in SQLite (the `AccountStorage` of storage.ts).
 * Same database file, hence the same backups, as the votes.
 */
import { randomBytes } from 'node:crypto';
import type { AccountStorage, EditorSummary, SessionRecord } from '../storage.js';
import type { Db } from './db.js';

export class SqliteAccountStorage implements AccountStorage {
  private readonly insertEditor;
  private readonly updatePassword;
  private readonly deleteEditor;
  private readonly selectEditors;
  private readonly selectPasswordHash;
  private readonly deleteSessionsOf;
  private readonly insertSession;
  private readonly selectSession;
  private readonly updateSessionSeen;
  private readonly deleteSessionByHash;
  private readonly deleteExpired;
  private readonly insertFailure;
  private readonly countFailures;
  private readonly deleteFailuresOf;
  private readonly deleteOldFailures;
  private readonly insertSecret;
  private readonly selectSecret;

  constructor(private readonly db: Db) {
    this.insertEditor = db.prepare<[string, string, string]>(
      'INSERT INTO editors (username, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (username) DO NOTHING',
    );
    this.updatePassword = db.prepare<[string, string]>('UPDATE editors SET password_hash = ? WHERE username = ?');
    this.deleteEditor = db.prepare<[string]>('DELETE FROM editors WHERE username = ?');
    this.selectEditors = db.prepare<[], EditorSummary>(
      'SELECT username, created_at AS createdAt FROM editors ORDER BY username',
    );
    this.selectPasswordHash = db.prepare<[string], { password_hash: string }>(
      'SELECT password_hash FROM editors WHERE username = ?',
    );
    this.deleteSessionsOf = db.prepare<[string]>('DELETE FROM sessions WHERE username = ?');
    this.insertSession = db.prepare<[string, string, string, string]>(
      'INSERT INTO sessions (token_hash, username, created_at, last_seen_at) VALUES (?, ?, ?, ?)',
    );
    this.selectSession = db.prepare<[string], SessionRecord>(
      'SELECT username, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE token_hash = ?',
    );
    this.updateSessionSeen = db.prepare<[string, string]>('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.deleteSessionByHash = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
    this.deleteExpired = db.prepare<[string, string]>('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
    this.insertFailure = db.prepare<[string, string]>('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)');
    this.countFailures = db.prepare<[string, string], { count: number; oldest: string | null }>(
      'SELECT COUNT(*) AS count, MIN(at) AS oldest FROM sign_in_failures WHERE key = ? AND at >= ?',
    );
    this.deleteFailuresOf = db.prepare<[string]>('DELETE FROM sign_in_failures WHERE key = ?');
    this.deleteOldFailures = db.prepare<[string]>('DELETE FROM sign_in_failures WHERE at < ?');
    this.insertSecret = db.prepare<[string, Buffer]>('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
    this.selectSecret = db.prepare<[string], { value: Buffer }>('SELECT value FROM secrets WHERE name = ?');
  }

  async addEditor(username: string, passwordHash: string, at: string): Promise<boolean> {
    return this.insertEditor.run(username, passwordHash, at).changes === 1;
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      const changed = this.updatePassword.run(passwordHash, username).changes === 1;
      // A new password ends every session opened with the old one.
      this.deleteSessionsOf.run(username);
      return changed;
    })();
  }

  async removeEditor(username: string): Promise<boolean> {
    // Sessions go with the editor (ON DELETE CASCADE).
    return this.deleteEditor.run(username).changes === 1;
  }

  async listEditors(): Promise<EditorSummary[]> {
    return this.selectEditors.all();
  }

  async readPasswordHash(username: string): Promise<string | undefined> {
    return this.selectPasswordHash.get(username)?.password_hash;
  }

  async createSession(tokenHash: string, username: string, at: string): Promise<void> {
    this.insertSession.run(tokenHash, username, at, at);
  }

  async readSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.selectSession.get(tokenHash);
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    this.updateSessionSeen.run(at, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.deleteSessionByHash.run(tokenHash);
  }

  async deleteExpiredSessions(idleBefore: string, createdBefore: string): Promise<void> {
    this.deleteExpired.run(idleBefore, createdBefore);
  }

  async recordSignInFailure(keys: readonly string[], at: string): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.insertFailure.run(key, at);
    })();
  }

  async countSignInFailures(key: string, since: string): Promise<{ count: number; oldest: string | null }> {
    return this.countFailures.get(key, since) ?? { count: 0, oldest: null };
  }

  async clearSignInFailures(key: string): Promise<void> {
    this.deleteFailuresOf.run(key);
  }

  async forgetSignInFailures(before: string): Promise<void> {
    this.deleteOldFailures.run(before);
  }

  async secret(name: string): Promise<Buffer> {
    // Whichever process comes first makes it; every other one reads the same value.
    this.insertSecret.run(name, randomBytes(32));
    return this.selectSecret.get(name)!.value;
  }
}
