/**
 * `GET /api/health`: 200 while storage answers, 503 when it does not, for monitoring and
 * for the load balancer in front of several servers.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { PollStorage } from '../storage/storage.js';
import { unanswered } from './error-replies.js';
import { errorSchema } from './schemas.js';

export function registerHealthRoute(app: FastifyInstance, store: PollStorage): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Whether the server and its storage answer',
        response: {
          200: { description: 'Storage answers.', type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
          503: errorSchema('Storage does not answer.', ['unavailable']),
        },
      },
    },
    async () => {
      const problem = await unanswered(store);
      if (problem) {
        throw new ApiError(503, 'unavailable', 'The server cannot reach its storage.');
      }
      return { status: 'ok' };
    },
  );
}
