/**
 * `egov-poll-server serve` (what `npm run serve` and `npm start` run): starts the reference
 * server with the configuration from the environment, prints its address, and stops
 * cleanly on Ctrl-C or SIGTERM. Problems at start are StartupErrors; the command line
 * (`cli/`) prints them and exits with code 1.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createDemoEditor, DEMO_EDITOR } from './accounts/editors.js';
import { buildApp } from './app.js';
import { readConfig, type Config } from './config.js';
import { StartupError } from './errors.js';
import { described, say } from './say.js';

export interface ServeOptions {
  /** `serve --demo` (what `npm start` runs): make a demo editor when there is no editor yet. */
  demo?: boolean;
}

export async function serve(env: NodeJS.ProcessEnv = process.env, options: ServeOptions = {}): Promise<void> {
  const config = readConfig(env);
  const app = await buildApp(config);
  stopOnSignals(app);
  for (const warning of [...config.warnings, ...pollsFileWarning(config, options), ...app.startupWarnings]) say(warning);
  await listen(app, config);
  // Only once the port is ours: a start that fails must not make an editor whose password nobody saw.
  const demoPassword = options.demo ? await createDemoEditor(app.storage.accounts) : undefined;
  const url = publicUrl(app, config);
  // Test helpers read the port from this line (READY_LINE in tests/support); keep its shape.
  console.log(`egov-widgets ${options.demo ? 'demo' : 'poll server'}: ${url}`);
  if (options.demo) console.log(demoSignInNotice(url, demoPassword));
}

/**
 * A production server without EGOV_POLLS imports the demo's polls file (the documented default,
 * for `npm start`): the demo's polls are then live on the portal, and the portal's own are not
 * there unless an editor made them. Said at start, with what to do.
 */
function pollsFileWarning(config: Config, options: ServeOptions): string[] {
  if (options.demo || config.pollsPathGiven) return [];
  return [
    `EGOV_POLLS is not set: the demo's polls (${config.pollsPath}) are imported and served. ` +
      `Set EGOV_POLLS to the portal's polls file (one holding {"polls": []} where polls are made only on the editors' page).`,
  ];
}

/** The password exists only in this message: the database keeps its hash. */
function demoSignInNotice(url: string, password: string | undefined): string {
  if (password !== undefined) {
    return (
      `egov-widgets editors' page: ${url}admin/ — sign in as "${DEMO_EDITOR}" with the password ${password}\n` +
      '  (shown only now; change it with: npx egov-poll-server user passwd bientap --password-stdin)'
    );
  }
  return (
    `egov-widgets editors' page: ${url}admin/ — sign in with an existing editor account ` +
    '(npx egov-poll-server user list; a forgotten password: user passwd <name> --password-stdin)'
  );
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the port is in use' : (error as Error).message;
    throw new StartupError(`cannot listen on ${config.host}:${config.port}: ${reason} (set PORT or HOST).`);
  }
}

/** The address to open in a browser: wildcard and loopback hosts read best as localhost. */
function publicUrl(app: FastifyInstance, config: Config): string {
  const { port } = app.server.address() as AddressInfo;
  const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(config.host);
  const host = local ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}/`;
}

function stopOnSignals(app: FastifyInstance): void {
  let stopping = false;
  const stop = (): void => {
    // A second Ctrl-C while closing means "now".
    if (stopping) process.exit(1);
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`error while stopping: ${described(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  stopWithNpm(stop);
}

/** How often a server started by an npm script looks whether its parent is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Started by an npm script (`npm start`, `npm run serve`), the server is a child of the shell npm
 * runs the script with. Docker (`CMD ["npm", "run", "serve"]`), supervisord and pm2 signal npm
 * alone; npm passes the signal to that shell, which ends without passing it on, and the server
 * would run on, orphaned. So it stops as on SIGTERM once its parent is gone. Not when started
 * otherwise (systemd, by hand, `nohup node …`): a server whose starting shell has ended must keep
 * serving. (An `exec` in the script would do it in sh, but not in Windows' cmd.exe.)
 */
function stopWithNpm(stop: () => void): void {
  if (process.env.npm_lifecycle_event === undefined) return;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop();
  }, PARENT_CHECK_MS);
  watch.unref();
}
