export interface TestPostgres {
  port: number;
  /** The cluster's folder (its data in `data/`), owned by `postgres` when the tests run as root. */
  folder: string;
  /** The test role's URL of the `postgres` database. */
  adminUrl: string;
  /** The test role's URL of `database`. */
  url(database: string): string;
  /** Makes a database owned by the test role; returns its URL. */
  createDatabase(name: string): string;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** A fresh PostgreSQL server in a temporary folder, on a free port of 127.0.0.1. */
export function startPostgres(): Promise<TestPostgres>;

/** The newest Debian PostgreSQL's bin folder, installing `postgresql` when none is there. */
export function findPostgres(options?: { install?: boolean }): string;
