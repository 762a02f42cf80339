import type { ChildProcess } from 'node:child_process';

export interface ReferenceServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  /** The SQLite file, or the postgres:// URL the server was given. */
  dbPath: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>;
  /** SIGKILL, then the exit code (null: killed) once it has exited. */
  kill(): Promise<number | null>;
  child: ChildProcess;
}

export interface StartOptions {
  /** Extra environment; EGOV_* of the calling process are not inherited; EGOV_RATE_LIMIT defaults to 0 (off). */
  env?: Record<string, string>;
  /** SQLite file or postgres:// URL; a fresh temporary one by default. Pass an earlier server's to restart on its data. */
  dbPath?: string;
  /** A fixed port; 0 (default) lets the system pick a free one. */
  port?: number;
  /** What to run instead of the server from the sources (serverCommand()), e.g. `['npm', 'run', 'serve']`. */
  command?: string[];
  /** The project folder to run it in; this repository by default. */
  cwd?: string;
}

/**
 * The command (argv, node first) that runs the server from the sources as they are now: its build
 * in server/dist/ when every source is compiled there and unchanged since, else the sources through tsx.
 */
export function serverCommand(): string[];

export function startReferenceServer(options?: StartOptions): Promise<ReferenceServer>;

export function runReferenceServerToExit(options?: {
  env?: Record<string, string>;
  dbPath?: string;
  timeoutMs?: number;
  /** The command's arguments (`['migrate-to-postgres']`); none runs `serve`. */
  args?: string[];
}): Promise<{ code: number | null; output: string }>;

/** 'postgres' when the suite runs with EGOV_TEST_POSTGRES_URL (npm test -- server-pg), else 'sqlite'. */
export const STORAGE: 'postgres' | 'sqlite';

/** The line the server prints once it listens: its address is group 1, the port group 2. */
export const READY_LINE: RegExp;

/** A new empty database: a SQLite path in a temporary folder, or a postgres:// URL of a new schema. */
export function temporaryDatabase(): string;

/** A new temporary folder, removed when the test process exits. */
export function temporaryFolder(): string;

/** `{EGOV_DB}` for a file, `{EGOV_DATABASE_URL}` for a postgres:// URL (its schema created): for in-process apps. */
export function storageEnv(dbPath: string): Promise<Record<string, string>>;

/** True when `dbPath` is a postgres:// URL rather than a SQLite file. */
export function isPostgresUrl(dbPath: string): boolean;
