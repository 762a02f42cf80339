/**
 * Starts the real reference server (`server/cli/egov-poll-server.ts`, or its build in server/dist/
 * when that is current: see serverCommand) in a child process, for every test
 * suite that needs the poll API: server tests, component tests, end-to-end tests, bench.
 *
 *   const server = await startReferenceServer();
 *   await fetch(`${server.url}/api/polls/nghi-le`);
 *   await server.stop();
 *
 * Each server gets its own temporary SQLite file unless `dbPath` is given; start again
 * with the same `dbPath` to "restart" on the same data.
 *
 * With EGOV_TEST_POSTGRES_URL set (`npm test -- server-pg`, see postgres.mjs), every server
 * runs on PostgreSQL instead: `dbPath` is then a `postgres://` URL naming a fresh schema of
 * that database (`?options=-c search_path=…`), passed as EGOV_DATABASE_URL; an explicit file
 * path still means SQLite. The child's output is captured
 * (see `output()`) and printed only if it fails to start. Servers still running and
 * temporary folders are cleaned up when the test process exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Generous: on a loaded machine (the tests share 2 cores) tsx alone can take tens of seconds. */
const STARTUP_TIMEOUT_MS = 60_000;
/** The line server/main.ts prints once it listens (`serve --demo`, or `serve`); the port is its group 2. */
export const READY_LINE = /egov-widgets (?:demo|poll server): (http:\/\/\S+?:(\d+)\/)/;

/** The test database when the server suite runs on PostgreSQL; undefined for SQLite. */
const POSTGRES_URL = process.env.EGOV_TEST_POSTGRES_URL || undefined;
/** Which storage the servers of this test run use: 'postgres' or 'sqlite'. */
export const STORAGE = POSTGRES_URL ? 'postgres' : 'sqlite';

/** A kill function per server still running. */
const running = new Set();
const temporaryFolders = new Set();

process.on('exit', () => {
  for (const kill of running) kill('SIGKILL');
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

/**
 * @param {object} [options]
 * @param {Record<string, string>} [options.env] extra environment (EGOV_POLLS, EGOV_RATE_LIMIT…).
 *   EGOV_* variables of the calling process are NOT inherited, so tests do not depend on
 *   the developer's shell. The rate limit is off (`EGOV_RATE_LIMIT=0`) unless given here,
 *   because every test request comes from the same address.
 * @param {string} [options.dbPath] SQLite file, or postgres:// URL; a fresh temporary one by default.
 * @param {number} [options.port] a fixed port; by default the system picks a free one
 *   (PORT=0) and the helper reads it from the server's start-up line, which cannot race.
 * @param {string[]} [options.command] what to run instead of the server from the sources
 *   (serverCommand()), e.g. `['npm', 'run', 'serve']` for the built server (production.test.ts).
 * @param {string} [options.cwd] the project folder to run it in; this repository by default.
 * @returns {Promise<{url: string, port: number, dbPath: string, output: () => string,
 *   stop: () => Promise<number|null>, kill: () => Promise<number|null>,
 *   child: import('node:child_process').ChildProcess}>}
 *   `url` has no trailing slash (`${url}/api/…`). `stop()` sends SIGTERM, `kill()` SIGKILL;
 *   both resolve with the exit code once the process has exited.
 */
export async function startReferenceServer({ env = {}, dbPath = temporaryDatabase(), port = 0, command, cwd } = {}) {
  const server = spawnServer({ EGOV_RATE_LIMIT: '0', PORT: String(port), ...(await storageEnv(dbPath)), ...env }, { command, cwd });
  try {
    const actualPort = await waitForReadyLine(server);
    const url = `http://127.0.0.1:${actualPort}`;
    await waitForHealth(url, server);
    return {
      url,
      port: actualPort,
      dbPath,
      output: server.output,
      stop: () => server.signal('SIGTERM'),
      kill: () => server.signal('SIGKILL'),
      child: server.child,
    };
  } catch (error) {
    await server.signal('SIGKILL');
    throw new Error(`the reference server did not start: ${error.message}\n--- its output ---\n${server.output()}`);
  }
}

/**
 * Runs the server until it exits by itself (for start-up failures such as a corrupt
 * database) and returns its exit code and output. Killed after `timeoutMs`. `args` are the
 * command's (`['migrate-to-postgres']`); none runs `serve`.
 * @returns {Promise<{code: number|null, output: string}>}
 */
export async function runReferenceServerToExit({ env = {}, dbPath = temporaryDatabase(), timeoutMs = STARTUP_TIMEOUT_MS, args = [] } = {}) {
  const server = spawnServer({ PORT: '0', ...(await storageEnv(dbPath)), ...env }, { args });
  const timer = setTimeout(() => server.signal('SIGKILL'), timeoutMs);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, output: server.output() };
}

/**
 * A new, empty database: a path in a new temporary folder (removed when the test process
 * exits), or on PostgreSQL the URL of a new schema (created when a server first starts on it).
 */
export function temporaryDatabase() {
  if (POSTGRES_URL) return schemaUrl(`t_${process.pid}_${++schemas}`);
  return path.join(temporaryFolder(), 'egov.sqlite');
}

/** A new temporary folder, removed when the test process exits. */
export function temporaryFolder() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'egov-server-'));
  temporaryFolders.add(folder);
  return folder;
}

/** True when `dbPath` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(dbPath) {
  return /^postgres(?:ql)?:\/\//.test(dbPath);
}

let schemas = 0;

function schemaUrl(schema) {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * The server's storage variable for `dbPath` (EGOV_DB, or EGOV_DATABASE_URL for a postgres://
 * URL, whose schema is created if needed): for tests that build the app in process.
 */
export async function storageEnv(dbPath) {
  if (!isPostgresUrl(dbPath)) return { EGOV_DB: dbPath };
  const schema = /search_path=(\w+)/.exec(new URL(dbPath).searchParams.get('options') ?? '')?.[1];
  if (schema) {
    // Once per schema: two servers started at once would race on CREATE SCHEMA IF NOT EXISTS.
    if (!createdSchemas.has(schema)) createdSchemas.set(schema, createSchema(schema));
    await createdSchemas.get(schema);
  }
  return { EGOV_DATABASE_URL: dbPath };
}

const createdSchemas = new Map();

async function createSchema(schema) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

const SOURCE_COMMAND = [process.execPath, '--import', 'tsx', 'server/cli/egov-poll-server.ts'];
const BUILT_COMMAND = [process.execPath, 'server/dist/cli/egov-poll-server.js'];

/**
 * The server from the sources: server/dist/ (what `npm run build` compiled, as production runs
 * it) when it is built from the sources as they are now, which halves each start (tsx's loader
 * resolves every module of Fastify again in each process); otherwise the sources through tsx.
 * "As they are now": every .ts file that server/tsconfig.json compiles has its .js in server/dist/,
 * written after the .ts was last changed. Decided once per process.
 */
let chosenCommand;
/** The command that runs the server from the sources (argv, node first), for tests that spawn it themselves. */
export function serverCommand() {
  chosenCommand ??= isBuildCurrent() ? BUILT_COMMAND : SOURCE_COMMAND;
  return chosenCommand;
}

function isBuildCurrent() {
  const serverDir = path.join(REPO_ROOT, 'server');
  const distDir = path.join(serverDir, 'dist');
  if (!existsSync(distDir)) return false;
  const { include } = JSON.parse(readFileSync(path.join(serverDir, 'tsconfig.json'), 'utf8'));
  const sources = include.flatMap((entry) =>
    entry === '*.ts'
      ? readdirSync(serverDir).filter((name) => name.endsWith('.ts'))
      : readdirSync(path.join(serverDir, entry), { recursive: true })
          .map(String)
          .filter((name) => name.endsWith('.ts'))
          .map((name) => path.join(entry, name)),
  );
  return sources.every((source) => {
    const built = path.join(distDir, source.replace(/\.ts$/, '.js'));
    return existsSync(built) && statSync(built).mtimeMs >= statSync(path.join(serverDir, source)).mtimeMs;
  });
}

function spawnServer(env, { command = serverCommand(), cwd = REPO_ROOT, args = [] } = {}) {
  const [executable, ...commandArgs] = command;
  const child = spawn(executable, [...commandArgs, ...args], {
    cwd,
    env: { ...inheritedEnv(), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a command that starts the server as its child (npm run)
    // is stopped together with it.
    detached: !isOwnCommand(command),
  });
  const kill = (name) => (isOwnCommand(command) ? child.kill(name) : process.kill(-child.pid, name));
  running.add(kill);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const exited = new Promise((resolve) => {
    child.once('exit', (code) => {
      running.delete(kill);
      resolve(code);
    });
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    exited,
    hasExited,
    output: () => output,
    signal(name) {
      if (!hasExited()) kill(name);
      return exited;
    },
  };
}

/** The server itself, not a command (npm run) that starts it as its child. */
function isOwnCommand(command) {
  return command === SOURCE_COMMAND || command === BUILT_COMMAND;
}

function inheritedEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('EGOV_') && name !== 'PORT' && name !== 'HOST'),
  );
}

function waitForReadyLine(server) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, port) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.child.stdout.off('data', onData);
      if (error) reject(error);
      else resolve(port);
    };
    const timer = setTimeout(() => settle(new Error(`no start-up line after ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    // Registered after the output collector, so output() already holds the new text.
    const onData = () => {
      const match = READY_LINE.exec(server.output());
      if (match) settle(null, Number(match[2]));
    };
    server.child.stdout.on('data', onData);
    server.exited.then((code) => settle(new Error(`it exited with code ${code}`)));
  });
}

async function waitForHealth(url, server) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline && !server.hasExited()) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(server.hasExited() ? 'it exited before answering' : `no answer after ${STARTUP_TIMEOUT_MS} ms`);
}
