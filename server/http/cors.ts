/**
 * CORS for the API, for the origins in `EGOV_ALLOWED_ORIGINS` only, on `@fastify/cors`.
 *
 * Other origins get no CORS header at all, so browsers keep their pages from reading the API
 * or (JSON needing a preflight) posting to it. Credentials are never allowed: votes are
 * identified by the token in the body alone. The editors' API (`/api/admin/`) gets no CORS
 * at all: it is for the editors' page on this server's own origin (http/admin/sessions.ts).
 *
 * What the plugin cannot do, so it is here: limit CORS to `/api/`; tell the operator, once
 * per origin, that a site was refused — usually a portal that embeds the widgets and has not
 * been added to EGOV_ALLOWED_ORIGINS yet, whose readers otherwise just see the poll fail; and
 * answer every other `OPTIONS` request at once, before its body would be read and parsed.
 */
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { say } from '../say.js';

const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** Distinct refused origins reported; past that a client is probably sending made-up ones. */
const MAX_REPORTED_ORIGINS = 100;

const API_CORS: FastifyCorsOptions = {
  methods: ['GET', 'POST'],
  allowedHeaders: ['Content-Type'],
  // So that a cross-origin widget can read how long to wait after a 429.
  exposedHeaders: ['Retry-After'],
  maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  credentials: false,
  // A preflight without Access-Control-Request-Method gets the same answer, not a text/plain 400.
  strictPreflight: false,
};

export async function registerCors(app: FastifyInstance, allowedOrigins: ReadonlySet<string>): Promise<void> {
  const reportRefusal = refusalReporter();
  const near = nearlyAllowed(allowedOrigins);
  await app.register(fastifyCors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      if (!request.url.startsWith('/api/') || request.url.startsWith('/api/admin/') || origin === undefined) {
        callback(null, { origin: false });
      } else if (allowedOrigins.has(origin)) {
        callback(null, { ...API_CORS, origin });
      } else {
        if (!isSameOrigin(request, origin)) reportRefusal(origin, near(origin));
        callback(null, { origin: false });
      }
    },
  });
  // The plugin has answered the preflights it allows; the rest (other origins, other paths) are
  // answered here, without their body. A refused preflight gets a plain 204 and, without CORS
  // headers, the browser stops there.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'OPTIONS') {
      done();
      return;
    }
    if (request.url.startsWith('/api/')) {
      void reply.code(204).send();
    } else {
      reply.callNotFound();
    }
  });
}

/**
 * Whether `origin` is this server's own, as the browser addressed it (through a trusted proxy:
 * its `X-Forwarded-Proto` and `X-Forwarded-Host`). Browsers send Origin on a page's own POSTs
 * too; those need no CORS and are not refusals. The editors' API requires it (sessions.ts).
 */
export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  return origin === `${request.protocol}://${request.host}`;
}

function refusalReporter(): (origin: string, near: string | undefined) => void {
  return oncePerOrigin((origin, near: string | undefined) =>
    near
      ? `refused the cross-origin API request of ${origin}; EGOV_ALLOWED_ORIGINS has ${JSON.stringify(near)}, nearly it: the scheme ` +
        '(http or https), www and the port must be the same as the page\'s. If that site embeds the widgets, add it as it is (reported once per origin).'
      : `refused the cross-origin API request of ${origin}; if that site embeds the widgets, add it to EGOV_ALLOWED_ORIGINS (reported once per origin).`,
  );
}

/**
 * The allowed origin that `origin` most likely meant: the same host but for a `www.`, with another
 * scheme or port — the usual mistakes in EGOV_ALLOWED_ORIGINS.
 */
function nearlyAllowed(allowedOrigins: ReadonlySet<string>): (origin: string) => string | undefined {
  const site = (origin: string) => {
    try {
      return new URL(origin).hostname.replace(/^www\./, '');
    } catch {
      return undefined;
    }
  };
  const allowed = [...allowedOrigins].map((origin) => ({ origin, site: site(origin) }));
  return (origin) => {
    const wanted = site(origin);
    return wanted === undefined ? undefined : allowed.find((entry) => entry.site === wanted)?.origin;
  };
}

/**
 * A line on stderr for each origin, said once (`describe` gets the origin quoted —
 * JSON.stringify: the header is the client's text and cannot forge a log line — and the
 * reporter's other arguments); after
 * MAX_REPORTED_ORIGINS origins, a last line and silence until restart.
 */
export function oncePerOrigin<Details extends unknown[]>(
  describe: (quotedOrigin: string, ...details: Details) => string,
): (origin: string, ...details: Details) => void {
  const reported = new Set<string>();
  return (origin, ...details) => {
    if (reported.has(origin) || reported.size > MAX_REPORTED_ORIGINS) return;
    reported.add(origin);
    const message =
      reported.size > MAX_REPORTED_ORIGINS
        ? `more than ${MAX_REPORTED_ORIGINS} origins refused; no more are reported until restart.`
        : describe(JSON.stringify(origin), ...details);
    say(message);
  };
}
