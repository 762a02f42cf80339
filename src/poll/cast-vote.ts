/**
 * Sends a ballot and survives a lost answer. The server keeps one ballot per voter, so sending the
 * same ballot again is safe: a `409` to a repeat means the first one was counted.
 */
import { EgovFetchError, fetchJson } from '../shared/fetch-json.js';
import { parsePoll, pollInErrorBody, type Poll } from './poll-data.js';

export interface Ballot {
  options: string[];
  voter: string;
}

/**
 * What became of a ballot, each with the results the answer carried (`undefined` when it carried
 * none). Every server answer that is an outcome for the reader is read here, and only here.
 */
export type VoteOutcome =
  /**
   * A ballot counts: this one (a `201`), or one whose answer was lost (`409` after it): `options`
   * are the choice counted.
   */
  | { kind: 'counted'; poll: Poll | undefined; options: string[] }
  /** A `409`: this voter's earlier ballot is counted, this one is not. */
  | { kind: 'already-counted'; poll: Poll | undefined }
  /** A `410`: the poll closed before this ballot arrived; not counted. */
  | { kind: 'closed-before-vote'; poll: Poll | undefined };

/** Told before each repeat: which attempt comes next, after how many seconds, and whether the server asked for the wait (`429`). */
export type RetryListener = (attempt: number, waitSeconds: number, busy: boolean) => void;

export const MAX_ATTEMPTS = 3;

/** A longer `Retry-After` is not waited out behind a busy button: the reader is told instead. */
export const MAX_RETRY_AFTER_SECONDS = 10;

/**
 * A ballot whose answer was lost (no answer, a broken one, a server failure), so that it may have
 * been counted: `castVote` notes its choice here — also when it gives up, for the reader's
 * "Thử lại" — and takes a later `409` as that ballot counted. The caller keeps it across attempts
 * and forgets it once an outcome is known.
 */
export interface LostBallot {
  choice?: string[];
}

/**
 * Posts `ballot` to `votesUrl`, repeating a lost or refused-for-now attempt up to `MAX_ATTEMPTS`
 * times. `lost`: see `LostBallot`.
 */
export async function castVote(votesUrl: string, ballot: Ballot, onRetry: RetryListener, lost: LostBallot = {}): Promise<VoteOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const poll = await fetchJson(votesUrl, parsePoll, { method: 'POST', body: ballot });
      return { kind: 'counted', poll, options: ballot.options };
    } catch (error) {
      if (!(error instanceof EgovFetchError)) throw error;
      if (error.status === 409) {
        const poll = pollInErrorBody(error.body);
        return lost.choice ? { kind: 'counted', poll, options: lost.choice } : { kind: 'already-counted', poll };
      }
      // The first such ballot is the one a 409 would show counted (the reader may choose again meanwhile).
      if (mayHaveCounted(error)) lost.choice ??= ballot.options;
      const wait = secondsBeforeRepeat(error, attempt);
      if (wait === undefined) throw error;
      onRetry(attempt + 1, wait, error.status === 429);
      await pause(wait);
    }
  }
}

/**
 * The outcome a refusal still gives the reader: a `410` (thrown by `castVote`, so it is reported as
 * any failure is) carries the final results of the poll that closed.
 */
export function outcomeOfRefusal(error: EgovFetchError): VoteOutcome | undefined {
  return error.status === 410 ? { kind: 'closed-before-vote', poll: pollInErrorBody(error.body) } : undefined;
}

/** How long to wait before repeating after `error`, or undefined when repeating cannot help. */
function secondsBeforeRepeat(error: EgovFetchError, attempt: number): number | undefined {
  if (attempt >= MAX_ATTEMPTS) return undefined;
  // 1 s before the second attempt, 2 s before the third.
  const backoff = attempt;
  if (error.status === 429) {
    if (error.retryAfter === undefined) return backoff;
    return error.retryAfter <= MAX_RETRY_AFTER_SECONDS ? error.retryAfter : undefined;
  }
  return mayHaveCounted(error) ? backoff : undefined;
}

/** No answer, a broken one or a server's failure: the ballot may have been counted on the way. */
function mayHaveCounted(error: EgovFetchError): boolean {
  return ['network', 'timeout', 'parse'].includes(error.code) || (error.status ?? 0) >= 500;
}

function pause(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
