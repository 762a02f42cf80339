/**
 * The rules a ballot must meet, applied by both storages inside the transaction that stores
 * the batch (group-commit.ts), in the order the API answers them: no such poll, closed, an
 * option not of this poll, several options in a single-choice poll, then one ballot per voter.
 */
import type { Ballot, PollResults, VoteOutcome, VoteResult } from './storage.js';

/** What the rules need to know of a poll, read in the batch's transaction. */
export interface PollState {
  multiple: boolean;
  /** Closed by hand, or its closing time has passed. */
  closed: boolean;
  optionIds: ReadonlySet<string>;
}

/**
 * The outcome of each ballot that the rules decide, or undefined for a ballot to store. Of
 * two ballots of one voter in one batch, only the first is stored; the second has already voted.
 */
export function judgeBallots(
  ballots: readonly Ballot[],
  stateOf: (pollId: string) => PollState | undefined,
): (VoteOutcome | undefined)[] {
  const toStore = new Set<string>();
  return ballots.map((ballot) => {
    const refused = judgeBallot(ballot, stateOf(ballot.pollId));
    if (refused) return refused;
    const key = `${ballot.pollId}\n${ballot.voter}`;
    if (toStore.has(key)) return 'already_voted';
    toStore.add(key);
    return undefined;
  });
}

/** The outcome the rules give one ballot on its own, or undefined when it may be stored. */
export function judgeBallot(ballot: Ballot, state: PollState | undefined): VoteOutcome | undefined {
  if (!state) return 'not_found';
  if (state.closed) return 'closed';
  if (!ballot.optionIds.every((optionId) => state.optionIds.has(optionId))) return 'unknown_option';
  if (!state.multiple && ballot.optionIds.length > 1) return 'too_many_options';
  return undefined;
}

/** The rules' view of results already read. */
export function pollStateOf(poll: PollResults): PollState {
  return { multiple: poll.multiple, closed: poll.closed, optionIds: new Set(poll.options.map((option) => option.id)) };
}

/** The polls of a batch, each once: their results are read once per batch. */
export function pollIdsOf(ballots: readonly Ballot[]): string[] {
  return [...new Set(ballots.map((ballot) => ballot.pollId))];
}

/** Each ballot's outcome with its poll's results, read once the batch committed. */
export function toVoteResults(
  ballots: readonly Ballot[],
  outcomes: readonly VoteOutcome[],
  results: ReadonlyMap<string, PollResults>,
): VoteResult[] {
  return ballots.map((ballot, index) => ({ outcome: outcomes[index]!, poll: results.get(ballot.pollId) }));
}
