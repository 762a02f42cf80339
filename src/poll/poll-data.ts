/**
 * The poll as the Poll API sends it (docs/api.md), checked field by field: the JSON comes from a
 * server the page does not control.
 */
import { ShapeError } from '../shared/fetch-json.js';
import {
  expectObject, mapObjects, optionalString, ownValue, requiredBoolean, requiredNumber, requiredString, type JsonObject,
} from '../shared/validate.js';

export interface PollOption {
  id: string;
  label: string;
  votes: number;
}

export interface Poll {
  id: string;
  question: string;
  /** Several options may be chosen (checkboxes instead of radios). */
  multiple: boolean;
  /** ISO 8601, or undefined for a poll without an end. */
  closesAt: string | undefined;
  closed: boolean;
  /** Ballots cast; in a multiple-choice poll the option counts may add up to more. */
  totalVotes: number;
  options: PollOption[];
}

/** More would not fit a sidebar; the reference server allows 50. */
const MAX_OPTIONS = 50;

/** Reads `GET {endpoint}/polls/{id}` (also the body of a `201`); throws `ShapeError` if it is not a poll. */
/**
 * The poll API's base from an `endpoint` attribute: as written, `/api` when empty, without
 * trailing slashes (the widget's and the editors' page's). Linear in its length: the regular
 * expression `/\/+$/` retried at every slash, 1.6 s for 40,000.
 */
export function apiBase(endpoint: string): string {
  const base = endpoint.trim() || '/api';
  let end = base.length;
  while (end > 0 && base[end - 1] === '/') end -= 1;
  return base.slice(0, end);
}

export function parsePoll(data: unknown): Poll {
  const json = expectObject(data, 'poll');
  const options = mapObjects(ownValue(json, 'options'), 'options', parseOption);
  if (options.length === 0 || options.length > MAX_OPTIONS) {
    throw new ShapeError(`options must hold 1 to ${MAX_OPTIONS} options`);
  }
  if (new Set(options.map((option) => option.id)).size !== options.length) {
    throw new ShapeError('options must have distinct ids');
  }
  return {
    id: requiredString(json, 'id'),
    question: requiredString(json, 'question'),
    multiple: requiredBoolean(json, 'multiple'),
    closesAt: optionalString(json, 'closesAt'),
    closed: requiredBoolean(json, 'closed'),
    totalVotes: count(requiredNumber(json, 'totalVotes'), 'totalVotes'),
    options,
  };
}

function parseOption(json: JsonObject, path: string): PollOption {
  return {
    id: requiredString(json, 'id', `${path}.id`),
    label: requiredString(json, 'label', `${path}.label`),
    votes: count(requiredNumber(json, 'votes', `${path}.votes`), `${path}.votes`),
  };
}

function count(value: number, path: string): number {
  if (!Number.isInteger(value) || value < 0) throw new ShapeError(`${path} must be a whole number of votes`);
  return value;
}

/** The results an error body carries (`409`, `410`: `{error, message, poll}`), if it is a valid poll. */
export function pollInErrorBody(body: unknown): Poll | undefined {
  try {
    return parsePoll(ownValue(expectObject(body, 'error'), 'poll'));
  } catch {
    return undefined;
  }
}

/** The share of ballots that chose `option`, from 0 to 1. */
export function shareOf(option: PollOption, poll: Poll): number {
  return poll.totalVotes > 0 ? Math.min(1, option.votes / poll.totalVotes) : 0;
}
