/**
 * Assembles the reference server: polls file → database → HTTP routes. Does not listen;
 * `main.ts` does, and tests may use `app.inject()`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { registerArticleRoutes } from './http/articles.js';
import { registerCors } from './http/cors.js';
import { registerErrorReplies, replyToFrameworkError } from './http/error-replies.js';
import { BODY_LIMIT_BYTES, registerJsonBody } from './http/json-body.js';
import { registerPollRoutes } from './http/polls.js';
import { RateLimiter } from './http/rate-limit.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerStatic } from './http/static.js';
import { readPollFile } from './storage/poll-file.js';
import { openStorage } from './storage/open.js';

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
    const limiter = config.rateLimit > 0 ? new RateLimiter(config.rateLimit) : undefined;
    const app = createFastify(config);
    app.addHook('onClose', async () => {
      limiter?.close();
      await store.close();
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
    await store.close();
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
