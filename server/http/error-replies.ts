/**
 * Every failure leaves as `{error, message, ...}` with the right status; nothing else
 * (no stack, no Fastify-internal shape) reaches a client.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { ApiError, type ErrorCode } from '../errors.js';
import type { PollStorage } from '../storage/storage.js';
import { BODY_LIMIT_BYTES } from './json-body.js';
import { addFrameworkAnswerHeaders, FRAMEWORK_ANSWER_HEADERS } from './security-headers.js';
import { described, say } from '../say.js';

export function registerErrorReplies(app: FastifyInstance, store: Pick<PollStorage, 'ping' | 'gaveUp'>): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let apiError = toApiError(error, request.url.startsWith(ADMIN_PREFIX));
    // An ApiError is an answer chosen on purpose; anything else at 500 is a fault to fix — unless
    // storage does not answer (a database server down or unreachable), or gave up on an answer
    // that came too late (a lock held on a table): then it is said as /api/health says it, and
    // logged as an outage, not as a fault in the code.
    if (apiError.statusCode >= 500 && !(error instanceof ApiError)) {
      const unreachable = await unanswered(store);
      if (unreachable || store.gaveUp(error)) {
        apiError = new ApiError(503, 'unavailable', 'The server cannot reach its storage; the vote, if any, may not have been counted.');
        if (!unreachable) sayTooLate(store, error);
      } else {
        reportServerFault(error);
      }
    }
    const retryAfter = apiError.extra.retryAfter;
    if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
    void reply.code(apiError.statusCode).send(apiError.toBody());
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(new ApiError(404, 'not_found', 'Nothing is published at this address.').toBody());
  });
}

/**
 * How long a failed request, or the health check, waits for storage to answer a ping before it is
 * said unreachable: the request has waited already, and the widget gives up at 10 s (a pool
 * waiting to connect would take that long again); a load balancer's check times out sooner.
 */
const PING_TIMEOUT_MS = 1_500;

/**
 * Why storage does not answer a ping within PING_TIMEOUT_MS, or undefined when it does. Said on
 * stderr as an outage, not a line per request (a busy portal would flood the journal, and
 * journald would drop lines, the useful ones too): its start, once a minute while it lasts with
 * the requests refused, and its end.
 */
export async function unanswered(store: Pick<PollStorage, 'ping'>): Promise<Error | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error(`no answer to a ping within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    const refused = (reason: unknown) => (reason instanceof Error ? reason : new Error(`the ping was refused: ${String(reason)}`));
    const problem = await Promise.race([store.ping().then(() => undefined, refused), late]);
    sayOutage(store, problem);
    return problem;
  } finally {
    clearTimeout(timer);
  }
}

/** How often a lasting outage is said again. */
const OUTAGE_REMINDER_MS = 60_000;

/** A problem of storage, said on stderr when it starts and at most once a minute while it lasts. */
interface Episode {
  since: number;
  saidAt: number;
  /** Requests refused since it was last said, and when the last of them was. */
  refused: number;
  lastAt: number;
}

/**
 * One more request refused in `episode`: true when it is to be said again (a minute since it
 * was), else counted.
 */
function dueAgain(episode: Episode, now: number): boolean {
  if (now - episode.saidAt >= OUTAGE_REMINDER_MS) return true;
  episode.refused++;
  episode.lastAt = now;
  return false;
}

function newEpisode(now: number): Episode {
  return { since: now, saidAt: now, refused: 0, lastAt: now };
}

const outages = new WeakMap<object, Episode>();

function sayOutage(store: object, problem: Error | undefined): void {
  const outage = outages.get(store);
  const now = Date.now();
  if (!problem) {
    if (!outage) return;
    outages.delete(store);
    say(`storage answers again, after ${Math.round((now - outage.since) / 1000)} s without.`);
  } else if (!outage) {
    outages.set(store, newEpisode(now));
    say(`storage does not answer: ${problem.message}`);
  } else if (dueAgain(outage, now)) {
    say(`storage still does not answer (since ${new Date(outage.since).toISOString()}; ${outage.refused + 1} more requests refused): ${problem.message}`);
    outage.refused = 0;
    outage.saidAt = now;
  }
}

const tooLate = new WeakMap<object, Episode>();

/**
 * Storage answers a ping but gave up on a request's query (a lock a DBA holds, an overloaded
 * database): said when it starts and once a minute while it lasts, with the requests refused, as
 * an outage is — not a stack trace per request.
 */
function sayTooLate(store: object, error: Error): void {
  const now = Date.now();
  const last = tooLate.get(store);
  if (last && !dueAgain(last, now)) return;
  const since = last?.refused ? `; ${last.refused} more were refused after it was last said, the last at ${new Date(last.lastAt).toISOString()}` : '';
  say(`storage answers, but too late for requests (${error.message}): a lock held on it (another program writing, an ALTER TABLE), or an overloaded database${since}.`);
  tooLate.set(store, newEpisode(now));
}

/** The 404 for a poll id that names no poll, on the public API and the editors' alike. */
export function pollNotFound(): ApiError {
  return new ApiError(404, 'not_found', 'There is no poll with this id.');
}

/** The poll storage found, or the 404 when it found none. */
export function foundPoll<Poll>(poll: Poll | undefined): Poll {
  if (!poll) throw pollNotFound();
  return poll;
}

/**
 * For Fastify's `frameworkErrors` option. The router refuses some paths before any route or
 * error handler runs, and Fastify would answer in its own shape (`"error": "Bad Request",
 * "code": "FST_ERR_…"`, even status 414), which no client can act on (found by the fuzz test).
 * This keeps them to the documented ones, without echoing the path. No hook has run for such
 * a request, hence the headers here.
 */
export function replyToFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  addFrameworkAnswerHeaders(request, reply);
  const apiError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? // An id over the router's 100 characters: longer than any poll or article id can be.
        new ApiError(404, 'not_found', 'Nothing is published at this address.')
      : // FST_ERR_BAD_URL (`/api/polls/%zz`), or anything newer Fastify may add.
        new ApiError(400, 'bad_request', 'The address is not valid percent-encoded UTF-8.');
  void reply.code(apiError.statusCode).send(apiError.toBody());
}

/**
 * For Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes (headers too large,
 * not HTTP) or a timeout struck before there was a request. Only the socket exists, so the
 * answer is written by hand, in the documented shape (Fastify's own is
 * `{"error": "Bad Request", "statusCode": 400}`, without nosniff), and the connection closed.
 */
export function replyToClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const apiError = clientErrorAnswer(error.code);
  if (socket.writable) {
    const body = JSON.stringify(apiError.toBody());
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      Connection: 'close',
      ...FRAMEWORK_ANSWER_HEADERS,
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${apiError.statusCode} ${STATUS_CODES[apiError.statusCode]}\r\n${head}\r\n${body}`);
  }
  socket.destroy();
}

function clientErrorAnswer(code: string | undefined): ApiError {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError(408, 'timeout', 'The request did not arrive in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError(431, 'too_large', 'The request headers are too large.');
    default:
      return new ApiError(400, 'bad_request', 'The request is not valid HTTP.');
  }
}

/** The editors' API: its bodies are not votes, so the vote-specific codes do not apply. */
const ADMIN_PREFIX = '/api/admin/';

function toApiError(error: FastifyError, admin: boolean): ApiError {
  if (error instanceof ApiError) return error;
  const validation = (error as { validation?: FastifySchemaValidationError[] }).validation;
  const where = (error as { validationContext?: string }).validationContext === 'querystring' ? 'query' : 'body';
  // The editors' API names the field of its body at fault (`field`), for its page to put the
  // cursor in; a vote's errors have codes of their own instead.
  if (validation?.[0]) return admin ? malformed('request', validation[0], where, where === 'body' ? fieldOf(validation[0]) : '') : fromValidation(validation[0]);
  switch (error.statusCode) {
    case 413:
      return new ApiError(
        413,
        'too_large',
        admin ? 'The request body is too large.' : `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`,
      );
    case 415:
      return new ApiError(415, 'unsupported_media_type', 'Send the body as Content-Type: application/json.');
    case 403:
      // @fastify/static refuses paths that climb out of its folder (`..`).
      return new ApiError(403, 'forbidden', 'This address is not served.');
    case 404:
      return new ApiError(404, 'not_found', 'Nothing is published at this address.');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own 4xx messages (invalid JSON, empty body…) name the problem without echoing input.
    return new ApiError(error.statusCode, 'bad_request', error.message);
  }
  return new ApiError(500, 'internal', 'The server failed; the vote, if any, was not counted.');
}

/**
 * Ajv stops at the first error (allErrors is off, as Fastify advises), which is enough to
 * name the problem with one of the documented codes.
 */
function fromValidation(first: FastifySchemaValidationError): ApiError {
  const field = fieldOf(first);
  const reason = FIELD_REASONS[`${field} ${first.keyword}`] ?? FIELD_REASONS[`${field} *`];
  if (reason) return new ApiError(400, reason[0], reason[1]);
  return malformed('vote', first);
}

/** The field at fault as a JSON Pointer (`/options/1/label`; a missing one too); '' for the whole. */
function fieldOf(first: FastifySchemaValidationError): string {
  return first.instancePath + (first.keyword === 'required' ? `/${String(first.params.missingProperty)}` : '');
}

/**
 * `where`: the part of the request the schema checked, `body` or (`?lang=` of the CSV) `query`;
 * `field`: the field at fault, said as `field` in the body (none when '').
 */
function malformed(what: string, first: FastifySchemaValidationError, where = 'body', field = ''): ApiError {
  return new ApiError(400, 'bad_request', `Malformed ${what}: ${where}${first.instancePath} ${first.message ?? 'is invalid'}.`, field ? { field } : {});
}

const FIELD_REASONS: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  '/voter *': ['bad_voter', 'voter must be a lower-case UUID v4 such as crypto.randomUUID() returns.'],
  '/options required': ['no_option', 'Choose at least one option.'],
  '/options minItems': ['no_option', 'Choose at least one option.'],
  '/options maxItems': ['too_many_options', 'Too many options chosen.'],
  '/options uniqueItems': ['duplicate_option', 'An option is listed twice.'],
};

/** Written to stderr even with the request log off: a 500 is something to fix. No client data. */
function reportServerFault(error: Error): void {
  say(`request failed: ${described(error)}`);
}
