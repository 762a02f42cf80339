/**
 * `fetch` for untrusted remote JSON: a 10 s timeout, a size cap, and every way it can fail turned
 * into one `EgovFetchError` with a code the widgets translate for the reader.
 */

export type FetchErrorCode = 'network' | 'timeout' | 'http' | 'parse' | 'shape' | 'too-large';

export const FETCH_TIMEOUT_MS = 10_000;

/** Larger answers are refused: no widget needs more, and a runaway response must not freeze a phone. */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

// Taken once when the kit loads, so a page that later replaces `window.fetch` cannot see our requests.
// A page that removed it before (`window.fetch = undefined`) gets a clear error per request, not a
// bundle that throws while loading and leaves every widget, remote data or not, undefined.
const nativeFetch: typeof fetch | undefined = typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;

export class EgovFetchError extends Error {
  override readonly name = 'EgovFetchError';

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    /** HTTP status, for `http` errors. */
    readonly status?: number,
    /** Seconds from a `Retry-After` header, when the server sent one. */
    readonly retryAfter?: number,
    /** The parsed JSON error body, when the server sent one. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** Thrown by a shape check to say the JSON is valid but not what the widget expects. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export interface FetchJsonOptions {
  /** Aborts the request without an error code (the caller moved on, e.g. `src` changed). */
  signal?: AbortSignal;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON with `Content-Type: application/json`. */
  body?: unknown;
  timeoutMs?: number;
  /**
   * Cookies: never sent by the widgets (`omit`, the default: votes carry no identity); the editors'
   * page sends its session cookie with `same-origin`.
   */
  credentials?: 'omit' | 'same-origin';
}

/**
 * Fetches `url` and returns `parse(json)`. `parse` checks the shape and throws on anything
 * unexpected. Rejects with `EgovFetchError`, or with the caller's `AbortError` when `signal` aborts.
 */
export async function fetchJson<T>(
  url: string,
  parse: (data: unknown) => T,
  options: FetchJsonOptions = {},
): Promise<T> {
  // Own properties only: on a page that polluted Object.prototype, the `{signal}` a widget passes
  // would otherwise inherit a `method`, a `body` (a GET with a body is refused) or a `timeoutMs`.
  const {
    signal,
    method = 'GET',
    body,
    timeoutMs = FETCH_TIMEOUT_MS,
    credentials = 'omit',
  }: FetchJsonOptions = Object.assign(Object.create(null), options);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    const response = await request(url, method, body, credentials, combined);
    const text = await readText(response, combined);
    if (!response.ok) {
      throw new EgovFetchError(
        'http',
        `HTTP ${response.status} from ${url}`,
        response.status,
        retryAfterSeconds(response.headers.get('Retry-After')),
        errorBody(text),
      );
    }
    return checkShape(parse, text === '' ? undefined : parseJson(text, url), url);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.signal.aborted) {
      throw new EgovFetchError('timeout', `No answer from ${url} within ${timeoutMs / 1000} s`);
    }
    if (error instanceof EgovFetchError) throw error;
    throw new EgovFetchError('network', `Request to ${url} failed: ${String(error)}${crossOriginHint(url)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function request(url: string, method: string, body: unknown, credentials: RequestCredentials, signal: AbortSignal): Promise<Response> {
  // Options without a prototype: `fetch` reads `body`, `headers`… through the prototype chain,
  // so on a page that polluted Object.prototype a plain object literal would carry its values.
  const headers = new Headers({ Accept: 'application/json' });
  const init: RequestInit = Object.assign(Object.create(null), { method, signal, credentials, headers });
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  if (!nativeFetch) throw new Error('this page has no window.fetch');
  return nativeFetch(url, init);
}

/**
 * For a request to another origin, what the webmaster most likely has to fix: the browser hides
 * whether the server was down or refused this page's origin (CORS), and the second is the usual
 * case — www vs bare domain, http vs https, localhost vs 127.0.0.1, another port.
 */
function crossOriginHint(url: string): string {
  let target: URL;
  try {
    target = new URL(url, document.baseURI);
  } catch {
    return '';
  }
  const page = location.origin;
  if (target.origin === page) return '';
  return (
    `. ${target.origin} is another origin than this page (${page}): if it is up, it most likely refuses this ` +
    `origin (CORS; on the reference poll server, add ${page} to EGOV_ALLOWED_ORIGINS: www, http(s), port and all).`
  );
}

/** Reads the body as text, stopping as soon as it passes the size cap. */
async function readText(response: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > MAX_RESPONSE_BYTES) throw tooLarge(response.url);
  if (!response.body) {
    // A page's fetch polyfill (installed before the kit) may answer without a body stream: read it whole.
    const whole = typeof response.text === 'function' ? await response.text() : '';
    if (whole.length > MAX_RESPONSE_BYTES) throw tooLarge(response.url);
    return whole;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw tooLarge(response.url);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(url: string): EgovFetchError {
  return new EgovFetchError('too-large', `Response from ${url} is over ${MAX_RESPONSE_BYTES} bytes`);
}

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EgovFetchError('parse', `Response from ${url} is not valid JSON`);
  }
}

/**
 * An error answer's body when it is JSON (the Poll API's `{error, message}`, a `409`'s results),
 * else nothing: a server's HTML error page, a proxy's text, are an HTTP error all the same.
 */
function errorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function checkShape<T>(parse: (data: unknown) => T, data: unknown, url: string): T {
  try {
    return parse(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EgovFetchError('shape', `Response from ${url} has an unexpected shape: ${reason}`);
  }
}

/** `Retry-After` as seconds (either form the header allows), or `undefined`. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** True when `error` is an abort raised by the caller's own signal. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
