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
  assertUsable(username, password);
  const added = await accounts.addEditor(username, await hashPassword(password), new Date().toISOString());
  if (!added) throw new StartupError(`the editor "${username}" already exists (use "user passwd" to change the password).`);
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
 * account, whose password may have been changed since, is left alone).
 */
export async function ensureEditor(accounts: AccountStorage, username: string, password: string): Promise<boolean> {
  if ((await accounts.readPasswordHash(username)) !== undefined) return false;
  await addEditor(accounts, username, password);
  return true;
}

/**
 * `serve --demo`: when there is no editor at all, creates `bientap` with a new random
 * password and returns it (it is shown once; only its hash is stored).
 */
export async function createDemoEditor(accounts: AccountStorage): Promise<string | undefined> {
  if ((await accounts.listEditors()).length > 0) return undefined;
  // base64url of 12 random bytes: 16 characters; the prefix guarantees two kinds of characters.
  const password = `Bt-${randomBytes(12).toString('base64url')}`;
  await addEditor(accounts, DEMO_EDITOR, password);
  return password;
}

function assertUsable(username: string, password: string): void {
  const problem = usernameProblem(username) ?? passwordProblem(password, username);
  if (problem) throw new StartupError(`${problem}.`);
}
