/**
 * `egov-poll-server user add|list|remove|passwd`: editors' accounts in the database named by
 * EGOV_DB (the same file the server uses; it may be running). Passwords are read from
 * standard input only, never from the command line, where other users could see them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { addEditor, changePassword, removeEditor } from '../accounts/editors.js';
import { readConfig } from '../config.js';
import { StartupError } from '../errors.js';
import { SignInThrottle } from '../http/admin/sign-in-throttle.js';
import { openStorage } from '../storage/open.js';
import { describeTarget } from '../storage/postgres/db.js';
import type { AccountStorage } from '../storage/storage.js';

export const USER_USAGE = `  user add <name> --password-stdin      Create an editor; the password is read from standard input.
  user passwd <name> --password-stdin   Change an editor's password (ends their sessions, lifts a lock-out).
  user remove <name>                    Remove an editor (ends their sessions; the audit trail stays).
  user list                             List the editors.`;

export async function runUserCommand(args: readonly string[]): Promise<void> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'add':
      await withAccounts(async (accounts, database) => {
        const name = nameWithPasswordStdin(verb, rest);
        await addEditor(accounts, name, await readPasswordFromStdin());
        console.log(`egov-widgets: editor "${name}" created in ${database}.`);
      });
      return;
    case 'passwd':
      await withAccounts(async (accounts, database) => {
        const name = nameWithPasswordStdin(verb, rest);
        await changePassword(accounts, name, await readPasswordFromStdin());
        await new SignInThrottle(accounts).lift(name);
        console.log(`egov-widgets: password of "${name}" changed in ${database}; their sessions are ended, any lock-out lifted.`);
      });
      return;
    case 'remove':
      await withAccounts(async (accounts, database) => {
        const name = onlyName(verb, rest);
        await removeEditor(accounts, name);
        console.log(`egov-widgets: editor "${name}" removed from ${database}.`);
      });
      return;
    case 'list':
      if (rest.length > 0) throw new StartupError('user list takes no arguments.');
      await withAccounts(async (accounts) => {
        for (const editor of await accounts.listEditors()) console.log(`${editor.username}\t${editor.createdAt}`);
      });
      return;
    default:
      throw new StartupError(`unknown user command "${verb ?? ''}". Commands:\n${USER_USAGE}`);
  }
}

/**
 * The server's database, named in what the command prints. A SQLite file that is not there is
 * refused, not made: run as another user, or without the service's EGOV_DB, the command would
 * otherwise put the editor in a new file the server never reads (or make the server's file
 * before it, owned by root, which the server then cannot write).
 */
async function withAccounts(work: (accounts: AccountStorage, database: string) => Promise<void>): Promise<void> {
  const config = readConfig(process.env);
  const database = config.databaseUrl ? describeTarget(config.databaseUrl) : path.resolve(config.dbPath);
  if (!config.databaseUrl && !existsSync(config.dbPath)) {
    throw new StartupError(
      `there is no database at ${database}. Editors are kept in the server's database, which its first start makes: ` +
        "start the server once, then run this command as the server's user with its settings (EGOV_DB or EGOV_DATABASE_URL).",
    );
  }
  const store = await openStorage(config);
  try {
    await work(store.accounts, database);
  } finally {
    await store.close();
  }
}

function onlyName(verb: string, rest: readonly string[]): string {
  if (rest.length !== 1) throw new StartupError(`usage: egov-poll-server user ${verb} <name>`);
  return rest[0]!;
}

function nameWithPasswordStdin(verb: string, rest: readonly string[]): string {
  const names = rest.filter((arg) => arg !== '--password-stdin');
  if (names.length !== 1 || !rest.includes('--password-stdin') || rest.length !== 2) {
    throw new StartupError(`usage: egov-poll-server user ${verb} <name> --password-stdin (the password on standard input)`);
  }
  return names[0]!;
}

/** The whole of standard input, without one final line break. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new StartupError(
      "the password is read from standard input, not typed here (it would show): read -rs P && printf '%s' \"$P\" | npx egov-poll-server user add <name> --password-stdin",
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
