/**
 * Chooses the storage behind the routes: PostgreSQL when EGOV_DATABASE_URL is set, else the
 * SQLite file. The routes see only the PollStorage interface.
 */
import type { Config } from '../config.js';
import { PostgresPollStorage } from './postgres/poll-store.js';
import { SqlitePollStorage } from './sqlite/poll-store.js';
import type { PollStorage } from './storage.js';

export async function openStorage(config: Pick<Config, 'dbPath' | 'databaseUrl'>): Promise<PollStorage> {
  if (config.databaseUrl) return PostgresPollStorage.open(config.databaseUrl);
  return SqlitePollStorage.open(config.dbPath);
}
