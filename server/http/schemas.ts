/**
 * JSON schemas of the public API: they validate requests, serialize answers and, through
 * `@fastify/swagger`, are the OpenAPI description at `GET /api/openapi.json`. docs/api.md
 * describes the same shapes for people.
 */
import type { ErrorCode } from '../errors.js';
import { MAX_OPTION_ID_LENGTH, MAX_OPTIONS } from '../storage/poll-rules.js';

/** A version 4 UUID in lower case, as `crypto.randomUUID()` makes it. */
const VOTER_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

export const pollParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'The poll id, the `poll-id` of `<egov-poll>`.' } },
} as const;

/** Unknown fields are refused rather than ignored: a client sending them has a bug worth seeing. */
export const voteBodySchema = {
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
      description: 'The chosen option ids; exactly one unless the poll is `multiple`.',
    },
    voter: {
      type: 'string',
      pattern: VOTER_PATTERN,
      description: 'The random token the browser keeps (`crypto.randomUUID()`), not personal data.',
    },
  },
} as const;

export const pollResultsSchema = {
  type: 'object',
  required: ['id', 'question', 'multiple', 'closesAt', 'closed', 'totalVotes', 'options'],
  properties: {
    id: { type: 'string' },
    question: { type: 'string' },
    multiple: { type: 'boolean', description: 'Several options may be chosen.' },
    closesAt: { type: ['string', 'null'], format: 'date-time', description: 'UTC; null: no end.' },
    closed: { type: 'boolean' },
    totalVotes: { type: 'integer', minimum: 0, description: 'Ballots cast.' },
    options: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'votes'],
        properties: { id: { type: 'string' }, label: { type: 'string' }, votes: { type: 'integer', minimum: 0 } },
      },
    },
  },
} as const;

/** `{error, message}`, with the codes a status may carry, and any extra fields of that status. */
export function errorSchema(description: string, codes: readonly ErrorCode[], extra: Record<string, unknown> = {}) {
  return {
    description,
    type: 'object',
    required: ['error', 'message', ...Object.keys(extra)],
    properties: {
      error: { type: 'string', enum: codes },
      message: { type: 'string', description: 'For people reading logs; clients act on `error`.' },
      ...extra,
    },
  } as const;
}

/** The answers of every route under /api: a body too large, of the wrong type, or a broken address. */
export const commonErrorResponses = {
  400: errorSchema('Malformed request.', ['bad_request']),
  404: errorSchema('Nothing at this address.', ['not_found']),
  500: errorSchema('A bug or a disk failure.', ['internal']),
  503: errorSchema('Storage does not answer (a database server down): a vote may not have been counted.', ['unavailable']),
};
