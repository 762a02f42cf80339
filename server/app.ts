/**
 * Assembles the reference server: polls file → database → HTTP routes. Does not listen;
 * `main.ts` does, and tests may use `app.inject()`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { ensureEditor } from './accounts/editors.js';
import { ApiError } from './errors.js';
import { registerAdminApi } from './http/admin/api.js';
import { registerAdminPage } from './http/admin-page.js';
import { registerArticleRoutes } from './http/articles.js';
import { registerCors } from './http/cors.js';
import { registerErrorReplies, replyToClientError, replyToFrameworkError } from './http/error-replies.js';
import { registerHealthRoute } from './http/health.js';
import { BODY_LIMIT_BYTES, registerJsonBody } from './http/json-body.js';
import { registerOpenApi } from './http/openapi.js';
import { registerPollRoutes } from './http/polls.js';
import { registerVoteRateLimit } from './http/rate-limit.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerStatic } from './http/static.js';
import { readPollFile } from './storage/poll-file.js';
import { openStorage } from './storage/open.js';
import type { PollStorage } from './storage/storage.js';
import { say } from './say.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Polls, votes, editors, sessions and audit trail (closed with the app). */
    storage: PollStorage;
    /** Sentences for the operator found while building the app (e.g. dist/ not built); `serve` prints them. */
    startupWarnings: string[];
  }
}

/**
 * Throws a StartupError (with a message for the operator) when the polls file or the
 * database cannot be used. Closing the returned app closes the database.
 */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  // The polls file is read first: a typo in it must not touch the database at all.
  const polls = readPollFile(config.pollsPath);
  const store = await openStorage(config);
  try {
    await store.importPolls(polls);
    if (config.demoEditor) await ensureEditor(store.accounts, config.demoEditor.username, config.demoEditor.password);
    const app = createFastify(config);
    app.decorate('storage', store);
    app.addHook('onClose', async () => store.close());
    sayForwardingNotBelieved(app, config.trustProxy !== false);
    await registerSecurityHeaders(app);
    await registerCors(app, config.allowedOrigins);
    // After the security and CORS headers' hooks: its refusals carry them.
    drainOnStop(app);
    registerJsonBody(app);
    registerErrorReplies(app, store);
    await registerOpenApi(app);
    const limiter = config.rateLimit > 0 ? await registerVoteRateLimit(app, config.rateLimit, store.sharedRateLimit) : undefined;
    registerHealthRoute(app, store);
    registerPollRoutes(app, store, limiter);
    registerAdminApi(app, store);
    const articlesWarning = registerArticleRoutes(app, config.articlesDir, config.articlesDirGiven);
    const adminPageWarning = registerAdminPage(app, config);
    const staticWarnings = await registerStatic(app, config);
    app.decorate('startupWarnings', [...staticWarnings, articlesWarning, adminPageWarning].filter((warning) => warning !== undefined));
    await app.ready();
    return app;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Slow clients cannot hold the server: a request (headers and body) must arrive within this
 * time, and a new connection must send its headers within it too (408). A vote is at most
 * 4 KB: even on a poor mobile link it takes a few seconds.
 */
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * An idle kept-alive connection is closed after this. Longer than the idle time of the usual
 * reverse proxies (nginx 60 s), so that the proxy, not this server, closes the connections it
 * keeps, and never sends a request on one this server is closing.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;
/** Any other connection that says nothing for this long (a reader that stopped reading). */
const SOCKET_IDLE_TIMEOUT_MS = 120_000;
/** How often Node checks the two timeouts above (its default, 30 s, would let a stalled request live 40 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * How the server stops (SIGTERM, Ctrl-C): it takes no new connection; the requests in progress are
 * answered, each answer closing its connection, so that the client's next request finds the server
 * that replaces this one; a request that arrives meanwhile on a connection still open is refused
 * with `503 unavailable`, nothing done, so that sent again it counts once. Fastify's own refusal
 * had no CORS header (a portal's widget saw a network failure) and not the API's words; serving it
 * instead counted a vote pipelined behind another whose answer never left (its connection closed
 * after the first answer).
 *
 * While the server stops, Node no longer cuts off slow requests (it stops checking the timeouts
 * above), so one client that sent half a request held a restart for the full idle time (2 min,
 * longer than systemd waits). Requests in flight get the request limit to finish; the
 * connections still open after it are closed.
 */
function drainOnStop(app: FastifyInstance): void {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    stopping = true;
    timer = setTimeout(() => app.server.closeAllConnections(), REQUEST_TIMEOUT_MS).unref();
  });
  // Callback hooks: they run for every request, and only read a flag until the server stops.
  app.addHook('onRequest', (_request, _reply, done) => {
    done(stopping ? new ApiError(503, 'unavailable', 'The server is stopping (a restart?): nothing was done; send the request again.') : undefined);
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onClose', async () => clearTimeout(timer));
}

/**
 * A proxy in front that EGOV_TRUST_PROXY does not name is silent otherwise: every reader behind it
 * counts as the proxy (one vote allowance for all), and the request log has no addresses to show
 * it. Said once on stderr, with no address (the sender may be a reader writing its own header).
 */
function sayForwardingNotBelieved(app: FastifyInstance, trustSet: boolean): void {
  let said = false;
  // A callback hook, not an async one: it runs for every request (votes too), and after its one
  // line it only reads a flag.
  app.addHook('onRequest', (request, _reply, done) => {
    // Believed, the header adds its entries after the sender's address (Fastify's request.ips).
    if (said || request.headers['x-forwarded-for'] === undefined || (request.ips?.length ?? 1) > 1) return done();
    said = true;
    say(
      trustSet
        ? 'requests come with X-Forwarded-For from an address EGOV_TRUST_PROXY does not list: their sender counts as ' +
            'the client. If it is your reverse proxy, add its address as this server sees it.'
        : 'requests come with X-Forwarded-For, but EGOV_TRUST_PROXY is not set: their sender counts as the client, so ' +
            "every reader behind a reverse proxy shares one vote allowance. Set EGOV_TRUST_PROXY to the proxy's address as this server sees it.",
    );
    done();
  });
}

function createFastify(config: Config): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Requests that arrive while the server stops are refused in the API's words: see drainOnStop.
    return503OnClosing: false,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: SOCKET_IDLE_TIMEOUT_MS,
    http: { headersTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    frameworkErrors: replyToFrameworkError,
    clientErrorHandler: replyToClientError,
    // Request log without addresses: only method, URL and status.
    logger: config.log ? { serializers: { req: (request) => ({ method: request.method, url: request.url }) } } : false,
    ajv: {
      // Fastify's defaults would silently drop unknown fields, turn "x" into ["x"] and 1
      // into "1": a vote must be exactly what the client meant, or be refused.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false },
    },
  });
  return app;
}

