/**
 * Editors' sessions: a random 256-bit token in an `HttpOnly`, `SameSite=Strict` cookie, stored
 * only as its SHA-256, ending after 8 hours without a request or 24 hours in all.
 * Also the same-origin rule for state-changing requests.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.js';
import type { AccountStorage } from '../../storage/storage.js';
import { isSameOrigin, oncePerOrigin } from '../cors.js';

const SESSION_COOKIE = 'egov_admin_session';
/** The cookie is sent to the editors' API only. */
const SESSION_COOKIE_PATH = '/api/admin';
const SESSION_IDLE_MS = 8 * 3_600_000;
const SESSION_MAX_MS = 24 * 3_600_000;
/** `last_seen_at` is written at most this often, not at every request. */
const TOUCH_INTERVAL_MS = 60_000;
/** 32 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface SignedInEditor {
  username: string;
  tokenHash: string;
}

export class Sessions {
  constructor(
    private readonly accounts: AccountStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session and sets its cookie on the reply. */
  async open(username: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    // Each sign-in is a moment to drop the sessions that have run out.
    await this.accounts.deleteExpiredSessions(
      new Date(now - SESSION_IDLE_MS).toISOString(),
      new Date(now - SESSION_MAX_MS).toISOString(),
    );
    await this.accounts.createSession(hashToken(token), username, new Date(now).toISOString());
    void reply.header('Set-Cookie', sessionCookie(request, token, SESSION_MAX_MS / 1000));
  }

  /** The editor signed in with this request's cookie, or undefined (no cookie, unknown or expired). */
  async find(request: FastifyRequest): Promise<SignedInEditor | undefined> {
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (token === undefined || !TOKEN.test(token)) return undefined;
    const tokenHash = hashToken(token);
    const session = await this.accounts.readSession(tokenHash);
    if (!session) return undefined;
    const now = this.now();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now - lastSeen > SESSION_IDLE_MS || now - Date.parse(session.createdAt) > SESSION_MAX_MS) {
      await this.accounts.deleteSession(tokenHash);
      return undefined;
    }
    if (now - lastSeen > TOUCH_INTERVAL_MS) await this.accounts.touchSession(tokenHash, new Date(now).toISOString());
    return { username: session.username, tokenHash };
  }

  /** Deletes the session server-side and tells the browser to forget the cookie. */
  async close(editor: SignedInEditor, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.accounts.deleteSession(editor.tokenHash);
    void reply.header('Set-Cookie', sessionCookie(request, '', 0));
  }
}

/**
 * `Secure` when the request came over HTTPS, as Fastify sees it: directly, or through a
 * trusted proxy's `X-Forwarded-Proto` (EGOV_TRUST_PROXY).
 */
function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, `Path=${SESSION_COOKIE_PATH}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict'];
  if (request.protocol === 'https') attributes.push('Secure');
  return attributes.join('; ');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A state-changing request with an `Origin` must carry the `Origin` of this very server (scheme,
 * host and port, as the browser addressed it). Browsers send it with every POST, PATCH and DELETE,
 * cross-site ones included, so a request without one comes from a client that is no browser (curl,
 * a script): it carries no reader's cookie and can be forged by nobody but its own author, and it
 * goes on to the session check like any other. A cross-site page can neither send JSON without a
 * preflight this API never grants, nor have the browser send the `SameSite=Strict` cookie.
 */
export function assertSameOrigin(request: FastifyRequest, report: (origin: string, server: string) => void): void {
  const origin = request.headers.origin;
  if (origin !== undefined && !isSameOrigin(request, origin)) {
    report(origin, `${request.protocol}://${request.host}`);
    throw new ApiError(403, 'forbidden', 'This request must come from the editors\' page of this server (Origin).');
  }
}

/**
 * Says on stderr, once per origin, an editors' request refused for its Origin: most often not an
 * attack but a reverse proxy that does not pass on how the browser addressed the server (its Host,
 * its scheme), so that the editors' own page seems to come from another origin and nobody can
 * sign in — with nothing said, the sysadmin would have nothing to go on.
 */
export function originRefusalReporter(): (origin: string, server: string) => void {
  return oncePerOrigin(
    (origin, server: string) =>
      `refused an editors' API request from ${origin}: this server sees itself as ${JSON.stringify(server)}. If that is the ` +
      "address of the editors' page, the reverse proxy must pass the Host header on, and X-Forwarded-Proto with its " +
      'address in EGOV_TRUST_PROXY (reported once per origin).',
  );
}

export function notSignedIn(): ApiError {
  return new ApiError(401, 'unauthorized', 'Sign in first (POST /api/admin/session).');
}
