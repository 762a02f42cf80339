/**
 * The poll API of docs/api.md: `GET /api/polls/:id` and `POST /api/polls/:id/votes`.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { judgeBallot, pollStateOf } from '../storage/ballots.js';
import type { PollResults, PollStorage, VoteOutcome } from '../storage/storage.js';
import { foundPoll, pollNotFound } from './error-replies.js';
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
    async (request) => foundPoll(await store.readPoll(request.params.id)),
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
      const ballot = { pollId: id, voter: request.body.voter, optionIds: request.body.options };
      if (limiter) {
        // Only a request that is a vote counts against the allowance: refused ones are answered
        // first. Storage judges again as it stores the ballot (the poll may change meanwhile).
        const current = await store.readPoll(id);
        const refusal = refusalOf(current, judgeBallot(ballot, current && pollStateOf(current)));
        if (refusal) throw refusal;
        await limiter.count(request);
      }
      const { outcome, poll } = await store.castVote(ballot);
      const refusal = refusalOf(poll, outcome);
      if (refusal) throw refusal;
      // castVote resolved: the ballot's transaction is committed and synced to disk.
      return reply.code(201).send(poll);
    },
  );
}

/** The answer to a ballot that was not counted; undefined when it was (or may be) counted. */
function refusalOf(poll: PollResults | undefined, outcome: VoteOutcome | undefined): ApiError | undefined {
  switch (outcome) {
    case undefined:
    case 'counted':
      return undefined;
    case 'not_found':
      return pollNotFound();
    case 'closed':
      return new ApiError(410, 'closed', 'This poll is closed.', { poll });
    case 'unknown_option':
      return new ApiError(400, 'unknown_option', 'An option is not one of this poll.');
    case 'too_many_options':
      return new ApiError(400, 'too_many_options', 'This poll takes a single option.');
    case 'already_voted':
      return new ApiError(409, 'already_voted', 'This voter has already voted in this poll.', { poll });
  }
}
