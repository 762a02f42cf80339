/**
 * The poll API of docs/api.md: `GET /api/polls/:id` and `POST /api/polls/:id/votes`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { MAX_OPTION_ID_LENGTH, MAX_OPTIONS } from '../storage/poll-file.js';
import type { PollResults, PollStorage } from '../storage/storage.js';
import type { RateLimiter } from './rate-limit.js';

/** A version 4 UUID in lower case, as `crypto.randomUUID()` makes it. */
export const VOTER_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

interface VoteBody {
  options: string[];
  voter: string;
}

interface PollParams {
  id: string;
}

/** Unknown fields are refused rather than ignored: a client sending them has a bug worth seeing. */
const voteBodySchema = {
  type: 'object',
  required: ['options', 'voter'],
  additionalProperties: false,
  properties: {
    options: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_OPTIONS,
      uniqueItems: true,
      items: { type: 'string', maxLength: MAX_OPTION_ID_LENGTH },
    },
    voter: { type: 'string', pattern: VOTER_PATTERN },
  },
} as const;

export function registerPollRoutes(app: FastifyInstance, store: PollStorage, limiter: RateLimiter | undefined): void {
  app.get<{ Params: PollParams }>('/api/polls/:id', async (request) => requirePoll(store, request.params.id));

  app.post<{ Params: PollParams; Body: VoteBody }>(
    '/api/polls/:id/votes',
    {
      schema: { body: voteBodySchema },
      // Before the body is read: a flood costs as little as possible.
      onRequest: limiter ? limitVotes(limiter) : [],
    },
    async (request, reply) => {
      const { id } = request.params;
      const { options, voter } = request.body;
      const poll = await requirePoll(store, id);
      if (poll.closed) {
        throw new ApiError(410, 'closed', 'This poll is closed.', { poll });
      }
      checkChoice(poll, options);
      if ((await store.castVote(id, voter, options)) === 'already_voted') {
        throw new ApiError(409, 'already_voted', 'This voter has already voted in this poll.', {
          poll: await requirePoll(store, id),
        });
      }
      // castVote resolved: the ballot is committed and synced to disk.
      return reply.code(201).send(await requirePoll(store, id));
    },
  );
}

async function requirePoll(store: PollStorage, id: string): Promise<PollResults> {
  const poll = await store.readPoll(id);
  if (!poll) throw new ApiError(404, 'not_found', 'There is no poll with this id.');
  return poll;
}

/** What the schema cannot know: the options must belong to this poll, one only unless multiple. */
function checkChoice(poll: PollResults, chosen: readonly string[]): void {
  const known = new Set(poll.options.map((option) => option.id));
  if (!chosen.every((optionId) => known.has(optionId))) {
    throw new ApiError(400, 'unknown_option', 'An option is not one of this poll.');
  }
  if (!poll.multiple && chosen.length > 1) {
    throw new ApiError(400, 'too_many_options', 'This poll takes a single option.');
  }
}

function limitVotes(limiter: RateLimiter) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const decision = limiter.hit(request.ip);
    if (decision.allowed) {
      done();
      return;
    }
    void reply.header('Retry-After', String(decision.retryAfterSeconds));
    done(
      new ApiError(429, 'rate_limited', 'Too many votes from this client; try again later.', {
        retryAfter: decision.retryAfterSeconds,
      }),
    );
  };
}
