/**
 * What a browser remembers about polls: its voter token (`localStorage['egov-voter']`) and, per
 * poll, that it voted and for which options. When storage is blocked (private mode, a strict
 * policy, a full quota), both live in memory for the rest of the page view.
 */
import { store as write, stored as read } from '../shared/storage.js';
import { expectArray, expectObject, ownValue } from '../shared/validate.js';

const VOTER_KEY = 'egov-voter';

/** A version 4 UUID in lower case: the only voter token the Poll API accepts. */
export const VOTER_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A remembered vote; `options` is empty when the server said "already voted" without saying what. */
export interface RememberedVote {
  options: string[];
}

/**
 * This browser's voter token; a missing or damaged one is replaced by a new random UUID v4. Written
 * back each time, so a token kept in memory while storage was blocked moves to storage once it works.
 */
export function voterToken(): string {
  const stored = read(VOTER_KEY);
  const token = stored !== undefined && VOTER_TOKEN.test(stored) ? stored : randomUuid();
  write(VOTER_KEY, token);
  return token;
}

/**
 * A random UUID v4 from `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, also exists on
 * portals still served over plain `http:`.
 */
export function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The storage key of one poll: the same poll reached through `/api` or its full URL is one poll. */
export function voteKey(pollUrl: string): string {
  return `egov-poll:${pollUrl}`;
}

/** The vote this browser cast in the poll at `pollUrl`, if it remembers one. */
export function rememberedVote(pollUrl: string): RememberedVote | undefined {
  const text = read(voteKey(pollUrl));
  if (text === undefined) return undefined;
  try {
    const options = expectArray(ownValue(expectObject(JSON.parse(text), 'vote'), 'options'), 'options');
    return { options: options.filter((option): option is string => typeof option === 'string') };
  } catch {
    // Not JSON, or not `{options: [...]}`: a damaged entry remembers no vote.
    return undefined;
  }
}

export function rememberVote(pollUrl: string, vote: RememberedVote): void {
  write(voteKey(pollUrl), JSON.stringify({ options: vote.options }));
}
