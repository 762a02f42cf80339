import type { English } from '../shared/i18n.js';
import type { messages } from './poll.messages.js';

/** <egov-poll> in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  vote: 'Vote',
  viewResults: 'See results',
  back: 'Back',
  submitting: 'Sending…',
  multipleHint: '(you may choose several options)',
  retrying: (attempt: number, max: number) => `Not sent yet; sending again (attempt ${attempt} of ${max})…`,
  waiting: (wait: string) => `The server is busy; sending again in ${wait}…`,
  results: 'Poll results',
  count: (count: string, votes: number) => `${count} ${votes === 1 ? 'vote' : 'votes'}`,
  total: (count: string, votes: number) => `Total: ${count} ${votes === 1 ? 'vote' : 'votes'}`,
  yourChoice: '(your choice)',
  yourChoices: (labels: string) => `You chose: ${labels}.`,
  counted: 'Thank you! Your vote has been counted.',
  'remembered-vote': 'You have voted in this poll.',
  'already-counted': 'This browser already voted in this poll; this time was not counted again.',
  closed: 'This poll has closed.',
  'closed-before-vote': 'The poll closed before your vote reached the server; it was not counted.',
  resultsLater: 'The results will be published when the poll closes.',
  missingPollId: 'The poll is not set up: the poll-id attribute is missing.',
  badEndpoint: 'The poll is not set up: the poll server’s address (the endpoint attribute) is not valid.',
  notFound: 'This poll cannot be found.',
  rejected: 'The server refused this vote as invalid. Please choose again.',
  voteTooLarge: 'The vote is too large for the server to accept.',
  rateLimited: (wait: string) => `Too many votes from your network. Please try again in ${wait}.`,
  fewMinutes: 'a few minutes',
  seconds: (count: number) => `${count} ${count === 1 ? 'second' : 'seconds'}`,
  minutes: (count: number) => `${count} ${count === 1 ? 'minute' : 'minutes'}`,
};
