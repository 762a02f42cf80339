/**
 * The poll API of docs/api.md: `GET /api/polls/:id` and `POST /api/polls/:id/votes`.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { PollResults, PollStorage } from '../storage/storage.js';
import type { VoteLimiter } from './rate-limit.js';
import { commonErrorResponses, errorSchema, pollParamsSchema, pollResultsSchema, voteBodySchema } from './schemas.js';

interface VoteBody {
  options: string[];
  voter: string;
}

interface PollParams {
  id: string;
}

const withPoll = { poll: pollResultsSchema };

export function registerPollRoutes(app: FastifyInstance, store: PollStorage, limiter: VoteLimiter | undefined): void {
  app.get<{ Params: PollParams }>(
    '/api/polls/:id',
    {
      schema: {
        summary: 'A poll and its current counts',
        params: pollParamsSchema,
        response: { 200: { description: 'The poll and its counts.', ...pollResultsSchema }, ...commonErrorResponses },
      },
    },
    async (request) => requirePoll(store, request.params.id),
  );

  app.post<{ Params: PollParams; Body: VoteBody }>(
    '/api/polls/:id/votes',
    {
      schema: {
        summary: 'Cast a vote',
        description: 'Answered 201 only once the vote is durably stored. One vote per voter per poll.',
        params: pollParamsSchema,
        body: voteBodySchema,
        response: {
          201: { description: 'Counted: the results, including this vote.', ...pollResultsSchema },
          ...commonErrorResponses,
          400: errorSchema('Not a valid vote.', ['bad_request', 'bad_voter', 'no_option', 'too_many_options', 'duplicate_option', 'unknown_option']),
          404: errorSchema('No such poll.', ['not_found']),
          409: errorSchema('This voter has already voted; the current results.', ['already_voted'], withPoll),
          410: errorSchema('The poll is closed; its results.', ['closed'], withPoll),
          413: errorSchema('Body over 4096 bytes.', ['too_large']),
          415: errorSchema('Content-Type is not application/json.', ['unsupported_media_type']),
          429: errorSchema('Too many votes from this client; see Retry-After.', ['rate_limited'], {
            retryAfter: { type: 'integer', minimum: 1, description: 'Seconds, as in the Retry-After header.' },
          }),
        },
      },
      // Before the body is read: a client with no vote left costs as little as possible.
      onRequest: limiter ? async (request) => limiter.refuseIfExhausted(request) : [],
    },
    async (request, reply) => {
      const { id } = request.params;
      const { options, voter } = request.body;
      const poll = await requirePoll(store, id);
      if (poll.closed) {
        throw new ApiError(410, 'closed', 'This poll is closed.', { poll });
      }
      checkChoice(poll, options);
      // Only now is the request a vote, and only votes count against the allowance.
      await limiter?.count(request);
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
