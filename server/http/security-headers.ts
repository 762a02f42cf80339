/**
 * Headers on every answer: the Content-Security-Policy of the HTML pages, and the
 * no-sniffing, referrer and caching rules.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The policy the demo pages are served with: the strict one the README promises the widgets
 * work under (no inline script or style, no eval, Trusted Types enforced with named
 * policies only). Adjust here, in one place.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types lit-html dompurify egov-widgets 'allow-duplicates'",
].join('; ');

/**
 * The headers of every answer. Exported for the answers Fastify makes before any hook runs
 * (see `replyToFrameworkError`).
 */
export function addCommonHeaders(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('X-Content-Type-Options', 'nosniff');
  void reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  // Votes and results change with every request; no cache may answer for the server.
  if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    addCommonHeaders(request, reply);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      void reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    }
    done(null, payload);
  });
}
