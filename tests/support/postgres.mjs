/**
 * A real PostgreSQL for the tests, in a temporary folder, on a free port of 127.0.0.1.
 *
 *   const postgres = await startPostgres();
 *   postgres.url('egov_test')   // postgres://egov_test:…@127.0.0.1:<port>/egov_test
 *   postgres.stop();
 *
 * Or around a command (what `npm test -- server-pg` does): the command runs with
 * EGOV_TEST_POSTGRES_URL set to a fresh database of a fresh server, stopped afterwards:
 *
 *   node tests/support/postgres.mjs node --import tsx --test tests/server/api-polls.test.ts
 *
 * PostgreSQL refuses to run as root, so when the tests run as root, initdb and the server run as
 * the `postgres` user and the folder belongs to it. Debian's binaries are used
 * (/usr/lib/postgresql/<version>/bin); when none are installed and we are root, Debian's
 * `postgresql` is installed with apt-get, as scripts/chrome.mjs does for Chromium.
 *
 * Durability settings are PostgreSQL's defaults (fsync on, synchronous_commit on): the crash
 * tests rely on them. Only initdb skips its final sync of the new, throw-away cluster.
 *
 * The server is stopped and its folder removed when the process exits, also after a failed test
 * or on SIGINT/SIGTERM; a small watchdog does it if the process is killed outright.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The superuser of the test cluster; password authentication over TCP, as in production. */
const ROLE = 'egov_test';
const PASSWORD = 'egov-test-password';
const DEBIAN_ROOT = '/usr/lib/postgresql';
const START_ATTEMPTS = 3;

const clusters = new Set();

process.on('exit', () => {
  for (const cluster of clusters) cluster.stop();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const cluster of clusters) cluster.stop();
    process.kill(process.pid, signal);
  });
}

/**
 * @returns {Promise<{port: number, adminUrl: string, url: (database: string) => string,
 *   createDatabase: (name: string) => string, stop: () => void, folder: string}>}
 *   `createDatabase` makes a database (owned by the test role) and returns its URL.
 */
export async function startPostgres() {
  const binDir = findPostgres();
  const owner = runAsUser();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'egov-pg-'));
  const cluster = {
    folder,
    stop() {
      clusters.delete(cluster);
      if (existsSync(path.join(folder, 'data', 'postmaster.pid'))) {
        spawnSync('sh', ['-c', continueCluster(folder)], { stdio: 'ignore' });
        spawnSync(path.join(binDir, 'pg_ctl'), ['stop', '-D', path.join(folder, 'data'), '-m', 'immediate', '-w'], {
          ...asOwner(owner, folder),
          stdio: 'ignore',
        });
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
  clusters.add(cluster);
  try {
    if (owner) chownSync(folder, owner.uid, owner.gid);
    initCluster(binDir, owner, folder);
    const port = await startServer(binDir, owner, folder);
    watchParent(binDir, owner, folder);
    const url = (database) => `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${database}`;
    const psql = (sql) =>
      execFileSync(path.join(binDir, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url('postgres'), '-c', sql], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    return {
      port,
      folder,
      adminUrl: url('postgres'),
      url,
      createDatabase(name) {
        psql(`CREATE DATABASE "${name}"`);
        return url(name);
      },
      stop: () => cluster.stop(),
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

/** The newest Debian PostgreSQL's bin folder, installing `postgresql` when none is there. */
export function findPostgres({ install = true } = {}) {
  const found = newestBinDir();
  if (found) return found;
  if (!install || process.getuid?.() !== 0) {
    throw new Error('PostgreSQL not found in /usr/lib/postgresql: install it (sudo apt-get install -y postgresql).');
  }
  console.log("PostgreSQL not found: installing Debian's postgresql with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  const installed = newestBinDir();
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb was found in /usr/lib/postgresql');
  return installed;
}

function newestBinDir() {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((version) => existsSync(path.join(DEBIAN_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(DEBIAN_ROOT, versions[0], 'bin') : undefined;
}

/** Root must hand the cluster to `postgres`; anyone else runs it as themselves. */
function runAsUser() {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function asOwner(owner, folder) {
  return { cwd: folder, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), env: { ...process.env, LC_ALL: 'C' } };
}

function initCluster(binDir, owner, folder) {
  const passwordFile = path.join(folder, 'password');
  writeFileSync(passwordFile, PASSWORD, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  const args = ['-D', path.join(folder, 'data'), '-U', ROLE, `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256',
    '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'];
  const result = spawnSync(path.join(binDir, 'initdb'), args, { ...asOwner(owner, folder), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout || result.error}`);
}

/** pg_ctl needs a port before it starts; another process may take it meanwhile, so retry. */
async function startServer(binDir, owner, folder) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = [`-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories='${folder}'`,
      '-c max_connections=300'];
    const log = path.join(folder, 'server.log');
    const result = spawnSync(
      path.join(binDir, 'pg_ctl'),
      ['start', '-w', '-t', '60', '-D', path.join(folder, 'data'), '-l', log, '-o', settings.join(' ')],
      { ...asOwner(owner, folder), encoding: 'utf8' },
    );
    if (result.status === 0) return port;
    const output = existsSync(log) ? readFileSync(log, 'utf8') : result.stderr;
    if (attempt >= START_ATTEMPTS || !/already in use/.test(output)) {
      throw new Error(`PostgreSQL did not start: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** If this process dies without running its exit handlers (SIGKILL), nothing is left behind. */
/**
 * A shell command that lets the cluster's processes run again if a test stopped them (SIGSTOP, a
 * database that stops answering): a stopped server does not hear pg_ctl's stop.
 */
function continueCluster(folder) {
  const pidFile = path.join(folder, 'data', 'postmaster.pid');
  return `pid=$(head -n 1 "${pidFile}" 2>/dev/null) && kill -CONT "$pid" 2>/dev/null; pkill -CONT -P "$pid" 2>/dev/null; true`;
}

function watchParent(binDir, owner, folder) {
  const stop = `"${path.join(binDir, 'pg_ctl')}" stop -D "${path.join(folder, 'data')}" -m immediate`;
  const asPostgres = owner ? `runuser -u postgres -- ${stop}` : stop;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `if [ -d "${folder}" ]; then ${continueCluster(folder)}; ${asPostgres} >/dev/null 2>&1; rm -rf "${folder}"; fi`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

/** `node tests/support/postgres.mjs <command> [args…]`: runs the command beside a fresh server. */
async function runCommand([command, ...args]) {
  if (!command) {
    console.error('usage: node tests/support/postgres.mjs <command> [args…]');
    return 2;
  }
  const started = Date.now();
  const postgres = await startPostgres();
  try {
    const url = postgres.createDatabase('egov_test');
    console.log(`PostgreSQL on 127.0.0.1:${postgres.port} (${((Date.now() - started) / 1000).toFixed(1)} s to start)`);
    const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, EGOV_TEST_POSTGRES_URL: url } });
    return result.status ?? 1;
  } finally {
    postgres.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCommand(process.argv.slice(2));
}
