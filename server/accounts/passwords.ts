/**
 * Editors' passwords: the rules a new password must meet, and scrypt hashes.
 *
 * A hash is stored as one self-describing string, `scrypt$<N>$<r>$<p>$<salt>$<key>` (salt and
 * key in base64url), so that stronger parameters can be adopted later without breaking the
 * hashes already stored.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** 2^15: about 32 MiB and a few dozen milliseconds per hash (OWASP's minimum for scrypt). */
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash may ask for at most this much: a tampered row must not exhaust memory. */
const MAX_COST = 2 ** 20;

const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** Lower-case letters, digits, `.`, `_` and `-`; 2 to 32 characters, starting and ending with a letter or digit. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,30}[a-z0-9]$/;

/** Why a user name cannot be used, or undefined when it can. */
export function usernameProblem(username: string): string | undefined {
  if (USERNAME.test(username)) return undefined;
  return `the user name "${username}" is not valid: use 2 to 32 lower-case letters (a-z), digits, ".", "_" or "-", starting and ending with a letter or digit`;
}

/**
 * Why a password is refused, or undefined. The rule is kept simple so editors can follow it:
 * at least 10 characters, of at least two kinds (lower-case, capitals, digits, other signs),
 * and not the user name.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = [...password].length;
  if (length === 0) return 'the password is empty';
  if (length < MIN_PASSWORD_LENGTH) return `the password is too short: use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `the password is too long: use at most ${MAX_PASSWORD_LENGTH} characters`;
  if (characterKinds(password) < 2) {
    return 'the password is too weak: mix at least two kinds of characters (lower-case letters, capitals, digits, other signs)';
  }
  if (password.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the user name';
  return undefined;
}

function characterKinds(password: string): number {
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return kinds.filter((kind) => kind.test(password)).length;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` is the one `stored` was made from. Takes as long either way. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, { N: parsed.cost, r: parsed.blockSize, p: parsed.parallelism });
  return timingSafeEqual(key, parsed.key);
}

let decoy: Promise<string> | undefined;

/**
 * A hash of a random password, to check against when the user name is unknown: the answer
 * then takes as long as for a wrong password, so timing does not tell which names exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}

interface ParsedHash {
  cost: number;
  blockSize: number;
  parallelism: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return undefined;
  const parsed = {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelism: Number(parallelism),
    salt: Buffer.from(salt, 'base64url'),
    key: Buffer.from(key, 'base64url'),
  };
  const sane =
    Number.isInteger(Math.log2(parsed.cost)) && parsed.cost >= 2 && parsed.cost <= MAX_COST &&
    [parsed.blockSize, parsed.parallelism].every((value) => Number.isInteger(value) && value >= 1 && value <= 16) &&
    parsed.key.length >= 16;
  return sane ? parsed : undefined;
}

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is just too low for N = 2^15.
  const maxmem = 256 * (options.N ?? COST) * (options.r ?? BLOCK_SIZE);
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, { ...options, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
