/**
 * CORS for the API, for the origins in `EGOV_ALLOWED_ORIGINS` only.
 *
 * Other origins get no CORS header at all, so browsers keep their pages from reading
 * the API or (JSON needing a preflight) posting to it. Credentials are never allowed: votes are
 * identified by the token in the body alone, and the editors' session cookie is for this
 * server's own origin only (http/admin/sessions.ts).
 */
import type { FastifyInstance } from 'fastify';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function registerCors(app: FastifyInstance, allowedOrigins: ReadonlySet<string>): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/')) {
      // The answer depends on Origin, so shared caches must key on it.
      void reply.header('Vary', 'Origin');
      const origin = request.headers.origin;
      if (origin !== undefined && allowedOrigins.has(origin)) {
        void reply.header('Access-Control-Allow-Origin', origin);
        // So that a cross-origin widget can read how long to wait after a 429.
        void reply.header('Access-Control-Expose-Headers', 'Retry-After');
      }
    }
    done();
  });

  app.options('/api/*', (_request, reply) => {
    if (reply.hasHeader('Access-Control-Allow-Origin')) {
      void reply.header('Access-Control-Allow-Methods', 'GET, POST');
      void reply.header('Access-Control-Allow-Headers', 'Content-Type');
      void reply.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    }
    void reply.code(204).send();
  });
}
