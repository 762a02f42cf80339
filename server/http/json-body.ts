/**
 * Request bodies: JSON only, UTF-8 only, 4 KB at most.
 *
 * Fastify's own JSON parser decodes bytes leniently (a broken byte becomes U+FFFD) and
 * also accepts text/plain. Here anything but `application/json` is refused with 415 — which
 * also means a foreign page cannot post a vote without a CORS preflight — and bytes that
 * are not UTF-8 are refused with 400 instead of being silently altered.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

export const BODY_LIMIT_BYTES = 4096;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function registerJsonBody(app: FastifyInstance): void {
  // Rejects `__proto__` and `constructor.prototype` keys outright (400).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer); // parseAs: buffer
    } catch {
      done(new ApiError(400, 'bad_request', 'The request body is not valid UTF-8.'));
      return;
    }
    parseJson(request, text, done);
  });
}
