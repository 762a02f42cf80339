/**
 * Configuration of the reference poll server, read once from the environment.
 *
 * Defaults point inside the project folder (so `npm start` works from anywhere);
 * paths given in the environment are resolved against the working directory,
 * as any command-line tool would.
 */
import { existsSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './errors.js';

/**
 * The project folder: the parent of `server/`. This file runs as `server/config.ts` (tests,
 * tsx) or built as `server/dist/config.js` (`npm run serve`), one folder deeper.
 */
export const PROJECT_ROOT = projectRoot(path.dirname(fileURLToPath(import.meta.url)));

function projectRoot(here: string): string {
  const serverDir = path.basename(here) === 'dist' ? path.dirname(here) : here;
  return path.dirname(serverDir);
}

export const DEFAULT_PORT = 8000;
/** Loopback only by default: exposing the server to a network is a decision. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_RATE_LIMIT = 30;

export interface Config {
  port: number;
  host: string;
  /** SQLite file; its folder is created if missing. Unused when `databaseUrl` is set. */
  dbPath: string;
  /** `postgres://…`: PostgreSQL instead of the SQLite file (EGOV_DATABASE_URL). */
  databaseUrl: string | undefined;
  /** Polls JSON upserted at start. */
  pollsPath: string;
  /** Folder of `<id>.json` articles served under `/api/articles/<id>`. */
  articlesDir: string;
  /** EGOV_ARTICLES was set: a folder that is not there is then worth a warning (the demo's may be left out). */
  articlesDirGiven: boolean;
  /** Served at `/`. */
  demoDir: string;
  /** EGOV_DEMO_DIR was set: a folder that is not there is then worth a warning (a copied deployment may leave the demo out). */
  demoDirGiven: boolean;
  /** Served at `/dist/`. */
  distDir: string;
  /** Exact origins (scheme://host[:port]) that may call the API cross-origin. */
  allowedOrigins: ReadonlySet<string>;
  /** Vote requests per client per minute; 0 turns the limit off. */
  rateLimit: number;
  /**
   * Passed to Fastify's `trustProxy`: whose `X-Forwarded-For` to believe. The proxies'
   * addresses or ranges; never "everyone", nor a number of hops.
   */
  trustProxy: false | string[];
  /** Fastify's request log, one JSON line per request on stdout (method, URL and status; no IP addresses). */
  log: boolean;
  /** Holds the editors' page, `index.html`, served at `/admin/` (its script is in `distDir/admin/`). */
  adminDir: string;
  /** `EGOV_DEMO_EDITOR=name:password`: an editor created at start if that name does not exist. */
  demoEditor: { username: string; password: string } | undefined;
  /** EGOV_POLLS was set: a production server without it imports the demo's polls, worth a warning. */
  pollsPathGiven: boolean;
  /** What start-up says on stderr about the environment: `EGOV_…` variables it does not know. */
  warnings: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Env = process.env): Config {
  return {
    port: readPort(env.PORT),
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    dbPath: readPath(env.EGOV_DB, 'data/egov.sqlite'),
    databaseUrl: readDatabaseUrl(env.EGOV_DATABASE_URL),
    pollsPath: readPath(env.EGOV_POLLS, 'demo/data/polls.json'),
    articlesDir: readPath(env.EGOV_ARTICLES, 'demo/data/articles'),
    articlesDirGiven: nonEmpty(env.EGOV_ARTICLES) !== undefined,
    demoDir: readPath(env.EGOV_DEMO_DIR, 'demo'),
    demoDirGiven: nonEmpty(env.EGOV_DEMO_DIR) !== undefined,
    distDir: readPath(env.EGOV_DIST_DIR, 'dist'),
    allowedOrigins: readOrigins(env.EGOV_ALLOWED_ORIGINS),
    rateLimit: readRateLimit(env.EGOV_RATE_LIMIT),
    trustProxy: readTrustProxy(env.EGOV_TRUST_PROXY),
    log: readFlag('EGOV_LOG', env.EGOV_LOG),
    adminDir: path.join(PROJECT_ROOT, 'server', 'admin'),
    demoEditor: readDemoEditor(env.EGOV_DEMO_EDITOR),
    pollsPathGiven: nonEmpty(env.EGOV_POLLS) !== undefined,
    warnings: unknownVariables(env),
  };
}

/** Every variable the server reads (`EGOV_TEST_…` are the project's tests' own). */
const VARIABLES = [
  'PORT', 'HOST', 'EGOV_DB', 'EGOV_DATABASE_URL', 'EGOV_POLLS', 'EGOV_ARTICLES', 'EGOV_DEMO_DIR', 'EGOV_DIST_DIR',
  'EGOV_ALLOWED_ORIGINS', 'EGOV_RATE_LIMIT', 'EGOV_TRUST_PROXY', 'EGOV_LOG', 'EGOV_DEMO_EDITOR',
];

/**
 * A misspelt variable is otherwise ignored without a word — `EGOV_DATABSE_URL` keeps the votes in
 * a SQLite file, `EGOV_POLL` serves the demo's polls — so each `EGOV_…` name the server does not
 * read is said, with the one it most likely meant.
 */
function unknownVariables(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('EGOV_') && !name.startsWith('EGOV_TEST_') && !VARIABLES.includes(name))
    .map((name) => {
      const meant = VARIABLES.find((known) => editDistance(name, known) <= 2 || name === `EGOV_${known}`);
      return `${name} is not a setting of this server and is ignored${meant ? ` (did you mean ${meant}?)` : ''}.`;
    });
}

/** Letters to add, remove or change to make `a` into `b` (Levenshtein). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** `name:password`; the password may itself hold colons. Its strength is checked when the editor is made. */
function readDemoEditor(value: string | undefined): { username: string; password: string } | undefined {
  if (value === undefined || value === '') return undefined;
  const separator = value.indexOf(':');
  if (separator <= 0) throw new StartupError('EGOV_DEMO_EDITOR must be name:password, such as bientap:Mat-khau-2026.');
  return { username: value.slice(0, separator), password: value.slice(separator + 1) };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readPath(value: string | undefined, projectDefault: string): string {
  const given = nonEmpty(value);
  return given ? path.resolve(given) : path.join(PROJECT_ROOT, projectDefault);
}

function readInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new StartupError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return Number(value);
}

function readPort(value: string | undefined): number {
  const given = nonEmpty(value);
  // 0 asks the system for a free port; the test helper relies on it.
  return given === undefined ? DEFAULT_PORT : readInteger('PORT', given, 0, 65535);
}

function readRateLimit(value: string | undefined): number {
  const given = nonEmpty(value);
  return given === undefined ? DEFAULT_RATE_LIMIT : readInteger('EGOV_RATE_LIMIT', given, 0, 1_000_000);
}

/** Only the scheme is checked here; whether the server answers is found out at start. */
function readDatabaseUrl(value: string | undefined): string | undefined {
  const given = nonEmpty(value);
  if (given === undefined) return undefined;
  if (!/^postgres(?:ql)?:\/\/./.test(given)) {
    throw new StartupError('EGOV_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database');
  }
  return given;
}

/** Origins are compared exactly, so each entry is normalised the way browsers send it. */
function readOrigins(value: string | undefined): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const entry of (value ?? '').split(',')) {
    const candidate = entry.trim();
    if (!candidate) continue;
    origins.add(normaliseOrigin(candidate));
  }
  return origins;
}

function normaliseOrigin(candidate: string): string {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw notOneOrigin(candidate);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StartupError(`EGOV_ALLOWED_ORIGINS: "${candidate}" must start with http:// or https://`);
  }
  // An origin is scheme, host and port only: more (a path, or two origins run together with `;` or
  // a space) would never match what a browser sends.
  if (url.href !== `${url.origin}/` || /[\s;]/.test(candidate)) {
    throw notOneOrigin(candidate);
  }
  return url.origin;
}

function notOneOrigin(candidate: string): StartupError {
  return new StartupError(
    `EGOV_ALLOWED_ORIGINS: "${candidate}" is not an origin such as https://portal.example.gov.vn (scheme, host and port only; separate origins with commas).`,
  );
}

/** Ranges proxy-addr (Fastify's `trustProxy`) knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/**
 * The widest ranges EGOV_TRUST_PROXY takes: an IPv4 /8 (10.0.0.0/8) and an IPv6 /32 (an
 * organisation's whole allocation; `uniquelocal` names the private fc00::/7). Wider would trust
 * most of the internet: 0.0.0.0/0, or two /1s, everyone.
 */
const WIDEST_PROXY_RANGE = { ipv4: 8, ipv6: 32 };
/** IPv4 clients as IPv6 ranges see them, ::ffff:a.b.c.d: a range there is an IPv4 range 96 bits on. */
const MAPPED_IPV4 = new BlockList();
MAPPED_IPV4.addSubnet('::ffff:0:0', 96, 'ipv6');

/**
 * Behind a reverse proxy every request comes from the proxy, so the rate limit would count all
 * readers as one client: name the proxies (addresses, CIDR ranges, `loopback`…), and the client is
 * read from X-Forwarded-For. "Trust everyone" (`true`, `*`) is refused, and so is a hop count
 * (`1`): it trusts whoever connects, so a client that reaches the server directly picks its own
 * address in that header and votes past the limit as often as it likes.
 */
function readTrustProxy(value: string | undefined): false | string[] {
  const given = nonEmpty(value);
  if (given === undefined || given === 'false' || given === '0') return false;
  const entries = given.split(',').map((entry) => entry.trim());
  const invalid = entries.find((entry) => !isProxyAddress(entry));
  if (invalid !== undefined) {
    throw new StartupError(
      `EGOV_TRUST_PROXY must list the reverse proxies' addresses or CIDR ranges (e.g. 127.0.0.1 or 10.0.0.0/8, or loopback), ` +
        `not "${invalid}": trusting every sender of X-Forwarded-For, or a number of hops whoever sends them, lets a client choose its own address.`,
    );
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  if (family === 4) return bits >= WIDEST_PROXY_RANGE.ipv4;
  const range = new BlockList();
  range.addSubnet(address, bits, 'ipv6');
  const overIPv4 = MAPPED_IPV4.check(address, 'ipv6') || range.check('::ffff:0.0.0.0', 'ipv6');
  return bits >= (overIPv4 ? 96 + WIDEST_PROXY_RANGE.ipv4 : WIDEST_PROXY_RANGE.ipv6);
}

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

/** `1`/`true`/`yes`/`on`, or `0`/`false`/`no`/`off` (any case); anything else is refused, not guessed. */
function readFlag(name: string, value: string | undefined): boolean {
  const given = nonEmpty(value)?.toLowerCase();
  if (given === undefined || OFF.has(given)) return false;
  if (ON.has(given)) return true;
  throw new StartupError(`${name} must be 1 (on) or 0 (off), got "${value}".`);
}

/**
 * A warning for the start when a folder that `variable` names is not there: every `what` is then a
 * 404. None for a default folder (`given` false): an install may leave the demo's out.
 */
export function missingFolderWarning(folder: string, given: boolean, variable: string, what: string, name = 'folder'): string | undefined {
  return !given || existsSync(folder) ? undefined : `there is no ${name} ${folder} (${variable}): every ${what} is a 404.`;
}
