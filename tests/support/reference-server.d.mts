import type { ChildProcess } from 'node:child_process';

export interface ReferenceServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
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
  /** SQLite file; a fresh temporary one by default. Pass an earlier server's to restart on its data. */
  dbPath?: string;
  /** A fixed port; 0 (default) lets the system pick a free one. */
  port?: number;
  /** What to run instead of the TypeScript sources through tsx, e.g. `['npm', 'run', 'serve']`. */
  command?: string[];
  /** The project folder to run it in; this repository by default. */
  cwd?: string;
}

export function startReferenceServer(options?: StartOptions): Promise<ReferenceServer>;

export function runReferenceServerToExit(options?: {
  env?: Record<string, string>;
  dbPath?: string;
  timeoutMs?: number;
}): Promise<{ code: number | null; output: string }>;

/** A path in a new temporary folder, removed when the test process exits. */
export function temporaryDatabase(): string;
