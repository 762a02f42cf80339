/**
 * Connects to PostgreSQL (`EGOV_DATABASE_URL`), checks that it may be trusted with votes, and
 * brings the schema up to date, as sqlite/db.ts does for a file. Every problem is a one-line
 * StartupError without the password; nothing is ever dropped or reset.
 *
 * Durability: a statement outside a transaction block commits before PostgreSQL answers, and
 * with `synchronous_commit` on (the default) that commit has reached the disk. Start-up refuses
 * a server where `fsync` or `synchronous_commit` is off, since a `201` there could be lost.
 */
import pg from 'pg';
import { newerSchema, StartupError } from '../../errors.js';
import { MIGRATIONS } from './migrations.js';
import { say } from '../../say.js';

export type Pool = pg.Pool;

/** Connections per server process; several processes share the database's max_connections. */
export const POOL_SIZE = 10;
/** Connecting at start (and for migrate-to-postgres): a database that is slow to come up is waited for. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * A request's query, or its wait for a connection of the pool, fails after this: a request then
 * answers 503 (after the storage ping of error-replies.ts, 1.5 s) within the widgets' 10 s fetch
 * timeout, even behind a batch of votes that waited as long. A vote takes milliseconds.
 */
const REQUEST_TIMEOUT_MS = 3_000;
/**
 * PostgreSQL cancels a request's statement itself after this (waiting for a lock a DBA's `ALTER
 * TABLE` holds, an overloaded server): before the driver gives up on it, so that no statement runs
 * on after its request was answered, holding a connection of the database's.
 */
const STATEMENT_TIMEOUT_MS = 2_500;

/**
 * True when `error` is the database or the driver giving up on a slow answer: a statement
 * cancelled at its time (SQLSTATE 57014), no answer to a query or to connecting in time.
 */
export function gaveUp(error: unknown): boolean {
  return error instanceof pg.DatabaseError ? error.code === '57014' : driverGaveUp(error);
}

/** The driver, not the database, gave up waiting: the query it gave up on may still hold the connection. */
export function driverGaveUp(error: unknown): boolean {
  return !(error instanceof pg.DatabaseError) && error instanceof Error && /timeout/i.test(error.message);
}

const OLDEST_SERVER_VERSION = 130000;
/**
 * Serialises schema changes and polls-file imports of processes starting at the same time
 * (an arbitrary constant: "egov" in ASCII).
 */
export const SCHEMA_LOCK = 0x65676f76;

const SETTINGS = { application_name: 'egov-poll-server' };

/**
 * A connection of its own, with no time limit on its queries: for what runs at start (checks,
 * migrations, the polls file's import), which takes as long as it takes, and where processes
 * starting together wait for each other's. End it with `end()`.
 */
export async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ ...SETTINGS, connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An error of the connection while it is open (the database restarted) rejects the query in
  // progress; without a listener it would also end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * A connection of its own (`openClient`) to a database checked and migrated, for work that must
 * not be cut short by the requests' time limit (migrate-to-postgres's copy); the caller ends it.
 * Any problem is a StartupError.
 */
export async function openMigrated(url: string): Promise<pg.Client> {
  const target = describeTarget(url);
  let client: pg.Client | undefined;
  try {
    client = await openClient(url);
    await assertUsable(client, target);
    await migrate(client, target);
    return client;
  } catch (error) {
    await client?.end().catch(() => undefined);
    if (error instanceof StartupError) throw error;
    const failure = describeOpenFailure(url, target, error as Error & { code?: string });
    const hint = passwordEncodingHint(url);
    throw hint ? new StartupError(`${failure.message.replace(/\.?$/, '.')}${hint}`) : failure;
  }
}

/**
 * Checks the server and migrates (`openMigrated`), then opens the pool; any problem is a
 * StartupError. `forRequests`: the pool serves requests, so a query of it, or a wait for one of
 * its connections, fails after REQUEST_TIMEOUT_MS, PostgreSQL cancelling the statement a little
 * before. A database that stops answering without closing its connections (its host frozen,
 * packets dropped) would otherwise hold every request until the system gives up on the
 * connection, many minutes later.
 */
export async function openPool(url: string, { forRequests = false } = {}): Promise<Pool> {
  await (await openMigrated(url)).end().catch(() => undefined);
  const pool = new pg.Pool({
    ...SETTINGS,
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: forRequests ? REQUEST_TIMEOUT_MS : CONNECT_TIMEOUT_MS,
    ...(forRequests && { query_timeout: REQUEST_TIMEOUT_MS, onConnect: limitStatements }),
  });
  // An idle connection that breaks (database restarted) is replaced at the next query; without
  // a listener the pool's 'error' event would end the process.
  pool.on('error', (error) => say(`a PostgreSQL connection was lost: ${error.message}`));
  return pool;
}

let statementLimitRefused = false;

/**
 * STATEMENT_TIMEOUT_MS on a new connection of the pool, by `SET` before the pool hands it out
 * (its `onConnect`): not as a parameter of the connection's start, which PgBouncer and the managed
 * poolers refuse ("unsupported startup parameter"). Refused all the same, the driver's own limit
 * remains (a locked table then leaves the statement waiting in the database): said once.
 */
async function limitStatements(client: pg.ClientBase): Promise<void> {
  try {
    await client.query(`SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
  } catch (error) {
    if (statementLimitRefused) return;
    statementLimitRefused = true;
    say(`PostgreSQL refused SET statement_timeout (${(error as Error).message}): a statement waiting for a lock goes on waiting after its request was answered.`);
  }
}

/**
 * A database URL cut as text at its last `@`, not read with `URL`: a password written with `@`,
 * `#` or `/` unencoded (a common mistake) makes `URL` read part of it as the host or the
 * fragment. The scheme, what comes before that `@` (user and password), and what comes after it
 * (host, port, database) without the query.
 */
function urlParts(url: string): { scheme: string; userinfo: string | undefined; place: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url.trim());
  if (!match) return undefined;
  const rest = match[2]!;
  const at = rest.lastIndexOf('@');
  return { scheme: match[1]!, userinfo: at === -1 ? undefined : rest.slice(0, at), place: (at === -1 ? rest : rest.slice(at + 1)).split('?')[0]! };
}

/** `postgres://user@host:port/database`: the URL without its password or query, for messages (`urlParts`). */
export function describeTarget(url: string): string {
  const parts = urlParts(url);
  if (!parts) return 'EGOV_DATABASE_URL';
  const { scheme, userinfo, place } = parts;
  // Without `@`, `user:password/db` and `host:port/db` read alike: only a port is shown.
  if (userinfo === undefined && !/^[^:/]*(?::\d*)?(?:\/|$)/.test(place)) return 'EGOV_DATABASE_URL';
  const user = userinfo?.split(':')[0];
  return `${scheme}${user ? `${user}@` : ''}${place}`;
}

/**
 * What to do when the password in `url` holds a character a URL reserves, written as it is:
 * the driver then reads another host, user or database than meant.
 */
export function passwordEncodingHint(url: string): string {
  const userinfo = urlParts(url)?.userinfo ?? '';
  const colon = userinfo.indexOf(':');
  return colon !== -1 && /[@#/?]/.test(userinfo.slice(colon + 1))
    ? ' The password holds @, #, / or ? written as it is: in the URL write each percent-encoded (@ as %40, # as %23, / as %2F, ? as %3F).'
    : '';
}

function describeOpenFailure(url: string, target: string, error: Error & { code?: string }): StartupError {
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new StartupError(`cannot connect to PostgreSQL at ${target} (${error.code}): is it running, and is EGOV_DATABASE_URL right?`);
    case '28P01':
    case '28000':
      return new StartupError(`PostgreSQL at ${target} refused the login: ${error.message}. Check the user and password in EGOV_DATABASE_URL.`);
    case '3D000':
      return new StartupError(`PostgreSQL at ${target}: ${error.message}. Create it (createdb) or correct EGOV_DATABASE_URL.`);
    case '42501': {
      // PostgreSQL 15 lets only the database's owner create tables in its public schema.
      const parts = urlParts(url);
      const user = parts?.userinfo?.split(':')[0] || 'its user';
      const database = parts?.place.split('/')[1] || 'the database';
      return new StartupError(
        `PostgreSQL at ${target}: ${error.message}. The server makes its tables at its first start: make ${user} the owner of ` +
          `${database} (ALTER DATABASE ${database} OWNER TO ${user}; or createdb --owner ${user} ${database}), or GRANT CREATE ON SCHEMA public TO ${user}.`,
      );
    }
    default:
      if (/client password must be a string/.test(error.message)) {
        return new StartupError(`PostgreSQL at ${target} asks for a password, and EGOV_DATABASE_URL has none: write it as postgres://user:password@host:5432/database.`);
      }
      if (/timeout/i.test(error.message)) {
        return new StartupError(`cannot connect to PostgreSQL at ${target}: no answer after ${CONNECT_TIMEOUT_MS / 1000} s.`);
      }
      return new StartupError(`cannot use PostgreSQL at ${target}: ${error.message}`);
  }
}

/** A server too old for this schema, or one that could lose acknowledged votes, is refused. */
async function assertUsable(client: pg.ClientBase, target: string): Promise<void> {
  const { rows } = await client.query<{ version: string; fsync: string | null; commit: string | null }>(
    `SELECT current_setting('server_version_num') AS version,
            current_setting('fsync', true) AS fsync, current_setting('synchronous_commit', true) AS commit`,
  );
  const { version, fsync, commit } = rows[0]!;
  if (Number(version) < OLDEST_SERVER_VERSION) {
    throw new StartupError(`PostgreSQL at ${target} is version ${version}; this server needs 13 or newer.`);
  }
  if (fsync === 'off' || commit === 'off') {
    throw new StartupError(
      `PostgreSQL at ${target} has ${fsync === 'off' ? 'fsync' : 'synchronous_commit'} = off: an acknowledged vote ` +
        'could be lost in a crash. Turn it on for this database or role.',
    );
  }
}

async function migrate(client: pg.ClientBase, target: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    if (rows.length > 1) throw new StartupError(`the schema_version table of ${target} has ${rows.length} rows instead of one.`);
    const version = rows[0]?.version ?? 0;
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    if (version > MIGRATIONS.length) {
      throw newerSchema(target, version, MIGRATIONS.length);
    }
    for (let next = version; next < MIGRATIONS.length; next++) await client.query(MIGRATIONS[next]!);
    await client.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
