/**
 * Editors' accounts, as the command line (`egov-poll-server user …`) and the demo start-up
 * manage them. Every rule lives here once: user name, password strength, hashing.
 */
import { randomBytes } from 'node:crypto';
import { StartupError } from '../errors.js';
import type { AccountStorage } from '../storage/storage.js';
import { hashPassword, passwordProblem, usernameProblem } from './passwords.js';

/** The demo editor `npm start` creates when there is none. */
export const DEMO_EDITOR = 'bientap';

export async function addEditor(accounts: AccountStorage, username: string, password: string): Promise<void> {
  if (!(await addUnlessTaken(accounts, username, password))) {
    throw new StartupError(`the editor "${username}" already exists (use "user passwd" to change the password).`);
  }
}

/** Adds the editor; false when the name is taken (by another process a moment ago, too). */
async function addUnlessTaken(accounts: AccountStorage, username: string, password: string): Promise<boolean> {
  assertUsable(username, password);
  return accounts.addEditor(username, await hashPassword(password), new Date().toISOString());
}

export async function changePassword(accounts: AccountStorage, username: string, password: string): Promise<void> {
  assertUsable(username, password);
  if (!(await accounts.setPasswordHash(username, await hashPassword(password)))) {
    throw new StartupError(`there is no editor "${username}".`);
  }
}

export async function removeEditor(accounts: AccountStorage, username: string): Promise<void> {
  if (!(await accounts.removeEditor(username))) throw new StartupError(`there is no editor "${username}".`);
}

/**
 * `EGOV_DEMO_EDITOR=name:password`: creates that editor unless the name exists (an existing
 * account, whose password may have been changed since, is left alone; so is one that another
 * process, started at the same time on the same database, has just created).
 */
export async function ensureEditor(accounts: AccountStorage, username: string, password: string): Promise<boolean> {
  if ((await accounts.readPasswordHash(username)) !== undefined) return false;
  return addUnlessTaken(accounts, username, password);
}

/**
 * `serve --demo`: when there is no editor at all, creates `bientap` with a new random
 * password and returns it (it is shown once; only its hash is stored).
 */
export async function createDemoEditor(accounts: AccountStorage): Promise<string | undefined> {
  if ((await accounts.listEditors()).length > 0) return undefined;
  // base64url of 12 random bytes: 16 characters; the prefix guarantees two kinds of characters.
  const password = `Bt-${randomBytes(12).toString('base64url')}`;
  // Another process that started at the same time may have made it first: its password is the one.
  return (await addUnlessTaken(accounts, DEMO_EDITOR, password)) ? password : undefined;
}

function assertUsable(username: string, password: string): void {
  const problem = usernameProblem(username) ?? passwordProblem(password, username);
  if (problem) throw new StartupError(`${problem}.`);
}
