/**
 * Headers on every answer, on `@fastify/helmet`: no sniffing, the referrer rule, no framing
 * by other sites, and the rest of helmet's defaults; plus no caching of API answers.
 *
 * Kept here rather than in helmet: the pages' Content-Security-Policy. Helmet sets one policy
 * on every answer at the start of the request, before anyone knows whether it is a page; this
 * one is the pages' policy, sent on HTML exactly as written below (docs/api.md quotes it, and
 * the end-to-end tests check that the widgets work under it).
 */
import fastifyHelmet from '@fastify/helmet';
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

const REFERRER_POLICY = 'strict-origin-when-cross-origin';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: false,
    referrerPolicy: { policy: REFERRER_POLICY },
    // Other portals load the bundle from /dist/ and call the API: both are meant to be cross-origin.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // HTTPS and its HSTS (with includeSubDomains, helmet's default) are the portal's front
    // proxy's decision for the whole domain, not this service's.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    // Votes and results change with every request; no cache may answer for the server.
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
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

/**
 * The least every answer carries, for the answers made before any hook (and so helmet) has
 * run: a broken address (`replyToFrameworkError`), or a request the HTTP parser refused
 * (`replyToClientError`).
 */
export const FRAMEWORK_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': REFERRER_POLICY,
};

export function addFrameworkAnswerHeaders(request: FastifyRequest, reply: FastifyReply): void {
  void reply.headers(FRAMEWORK_ANSWER_HEADERS);
  if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
}
