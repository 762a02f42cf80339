/**
 * Assembles the reference server: polls file → database → HTTP routes. Does not listen;
 * `main.ts` does, and tests may use `app.inject()`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerArticleRoutes } from './articles.js';
import type { Config } from './config.js';
import { registerCors } from './cors.js';
import { openDatabase } from './db.js';
import { registerErrorReplies, replyToFrameworkError } from './error-replies.js';
import { BODY_LIMIT_BYTES, registerJsonBody } from './json-body.js';
import { readPollFile } from './poll-file.js';
import { PollStore } from './poll-store.js';
import { registerPollRoutes } from './polls.js';
import { RateLimiter } from './rate-limit.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStatic } from './static.js';

/**
 * Throws a StartupError (with a message for the operator) when the polls file or the
 * database cannot be used. Closing the returned app closes the database.
 */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  // The polls file is read first: a typo in it must not touch the database at all.
  const polls = readPollFile(config.pollsPath);
  const db = openDatabase(config.dbPath);
  try {
    const store = new PollStore(db);
    store.sync(polls);
    const limiter = config.rateLimit > 0 ? new RateLimiter(config.rateLimit) : undefined;
    const app = createFastify(config);
    app.addHook('onClose', async () => {
      limiter?.close();
      db.close();
    });
    registerSecurityHeaders(app);
    registerCors(app, config.allowedOrigins);
    registerJsonBody(app);
    registerErrorReplies(app);
    app.get('/api/health', async () => ({ status: 'ok' }));
    registerPollRoutes(app, store, limiter);
    registerArticleRoutes(app, config.articlesDir);
    await registerStatic(app, config);
    await app.ready();
    return app;
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

function createFastify(config: Config): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    frameworkErrors: replyToFrameworkError,
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
