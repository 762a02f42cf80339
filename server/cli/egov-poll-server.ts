/**
 * The `egov-poll-server` command. Without arguments, or with `serve`, it runs the server
 * (`npm run serve` and `npm start` do that); `user …` manages editors' accounts. Problems at start are printed as one line
 * starting with `egov-widgets:` and exit with code 1.
 */
import { readConfig } from '../config.js';
import { StartupError } from '../errors.js';
import { serve } from '../main.js';
import { copySqliteToPostgres } from '../storage/postgres/copy-from-sqlite.js';
import { runUserCommand, USER_USAGE } from './users.js';
import { described, say } from '../say.js';

const USAGE = `Usage: egov-poll-server [serve [--demo] | user … | migrate-to-postgres]

  serve                Start the poll server (the default). Configured by environment variables:
                       PORT, HOST, EGOV_DB, EGOV_DATABASE_URL, EGOV_POLLS, EGOV_ALLOWED_ORIGINS,
                       EGOV_RATE_LIMIT, EGOV_TRUST_PROXY, … (see server/README.md).
                       --demo: when there is no editor yet, create "bientap" and print its password.
${USER_USAGE}
  migrate-to-postgres  Copy every poll, vote, editor, editor's session, sign-in lock-out and audit
                       entry of the SQLite file EGOV_DB into the empty PostgreSQL database
                       EGOV_DATABASE_URL (the file is only read).
`;

type Command = (args: readonly string[]) => Promise<void>;

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: async (args) => {
    const demo = args.length === 1 && args[0] === '--demo';
    if (args.length > 0 && !demo) throw new StartupError(`serve takes only --demo, got "${args.join(' ')}".`);
    await serve(process.env, { demo });
  },
  'migrate-to-postgres': async (args) => {
    if (args.length > 0) throw new StartupError(`migrate-to-postgres takes no arguments, got "${args.join(' ')}".`);
    const config = readConfig();
    if (!config.databaseUrl) throw new StartupError('migrate-to-postgres needs EGOV_DATABASE_URL, the PostgreSQL database to fill.');
    // Never the default: data/egov.sqlite is what `npm start` made (the demo's polls and editor).
    if (!process.env['EGOV_DB']?.trim()) {
      throw new StartupError("migrate-to-postgres needs EGOV_DB, the server's SQLite file to copy (the one its EGOV_DB names), such as /var/lib/egov-widgets/egov.sqlite.");
    }
    const { polls, ballots } = await copySqliteToPostgres(config.dbPath, config.databaseUrl);
    console.log(`egov-widgets: copied ${polls} polls and ${ballots} ballots from ${config.dbPath} to PostgreSQL.`);
  },
  user: runUserCommand,
};

async function run(argv: readonly string[]): Promise<void> {
  const [name = 'serve', ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new StartupError(`unknown command "${name}". ${USAGE.split('\n')[0]}`);
  await command(args);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StartupError) {
    say(error.message);
  } else {
    say(`failed to start: ${described(error)}`);
  }
  process.exit(1);
});
