/**
 * Drives `<egov-poll>` as a reader would, and reads what it shows and what the server counts: the
 * poll element with its events captured, the options, the buttons and parts, the live region, and a
 * vote from choice to results.
 */
import { fixture, html } from '@open-wc/testing';
import type { EgovPoll, PollVoteDetail } from '../../src/poll/poll.js';
import { inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';

// The polls are in tests/poll/polls.json, served by the real reference server behind /api. Every
// test that votes has a poll of its own: the tests of one run share one server and database.

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface ServerPoll {
  totalVotes: number;
  options: { id: string; votes: number }[];
}

/** The poll as the server counts it now, read past the widget. */
export async function serverPoll(pollId: string): Promise<ServerPoll> {
  return (await fetch(`/api/polls/${pollId}`)).json();
}

export function votesOf(poll: ServerPoll, optionId: string): number {
  return poll.options.find((option) => option.id === optionId)!.votes;
}

/** Forgets what this browser knows about polls; other widgets' keys are left alone. */
export function forgetPolls(): void {
  for (const key of Object.keys(localStorage)) {
    if (key === 'egov-voter' || key.startsWith('egov-poll:')) localStorage.removeItem(key);
  }
}

/** A poll fault endpoint (tests/support/faulty-endpoint.mjs) misbehaving `times` times on `on`. */
export function faultyEndpoint(kind: string, on: 'load' | 'vote', times = 1): string {
  return `/faults/poll/${kind}/${on}/${times}/${uniqueKey(kind)}`;
}

export interface PollOptions {
  lang?: string;
  endpoint?: string;
  showResults?: string;
}

/** A poll element, with the `egov-error` codes and `egov-poll-vote` details it fires captured from the start. */
export async function pollElement(pollId: string, { lang = 'vi', endpoint = '/api', showResults = 'always' }: PollOptions = {}) {
  const errors: string[] = [];
  const votes: PollVoteDetail[] = [];
  const element = await fixture<EgovPoll>(html`
    <egov-poll
      lang=${lang}
      endpoint=${endpoint}
      poll-id=${pollId}
      show-results=${showResults}
      @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}
      @egov-poll-vote=${(event: CustomEvent<PollVoteDetail>) => votes.push(event.detail)}
    ></egov-poll>
  `);
  return { element, errors, votes };
}

export function input(element: Element, optionId: string): HTMLInputElement {
  const found = shadow(element).querySelector<HTMLInputElement>(`input[value="${optionId}"]`);
  if (!found) throw new Error(`no option ${optionId}`);
  return found;
}

/** The voting form, while it is shown. */
export function form(element: Element): HTMLFormElement | null {
  return shadow(element).querySelector('form');
}

export function button(element: Element, part: string): HTMLButtonElement | null {
  return shadow(element).querySelector<HTMLButtonElement>(`[part="${part}"]`);
}

export function text(element: Element, part: string): string {
  return visibleText(shadow(element).querySelector(`[part="${part}"]`));
}

/** The result line of the option labelled `label`. */
export function resultRow(element: Element, label: string): string {
  const rows = [...shadow(element).querySelectorAll('[part~="result"]')].map(visibleText);
  const row = rows.find((line) => line.startsWith(`${label} `));
  if (!row) throw new Error(`no result for ${label} in ${rows.join(' | ')}`);
  return row;
}

export function liveRegion(element: Element): string {
  return visibleText(shadow(element).querySelector('[role="status"].visually-hidden'));
}

/** Every text `selector` shows inside the widget, in order, with the moment it appeared. */
export function watchText(element: Element, selector: string): { text: string; at: number }[] {
  const seen: { text: string; at: number }[] = [];
  const look = () => {
    const text = visibleText(shadow(element).querySelector(selector));
    if (text !== (seen.at(-1)?.text ?? '')) seen.push({ text, at: performance.now() });
  };
  new MutationObserver(look).observe(shadow(element), { subtree: true, childList: true, characterData: true });
  return seen;
}

/** Chooses `optionIds` and presses "Bình chọn", focused as a click or a keyboard leaves it; resolves with the results. */
export async function voteFor(element: EgovPoll, ...optionIds: string[]): Promise<HTMLElement> {
  await inShadow(element, 'form');
  for (const id of optionIds) input(element, id).click();
  await element.updateComplete;
  const vote = button(element, 'vote-button')!;
  vote.focus();
  vote.click();
  return inShadow(element, '[part="results"]');
}

/** Where the focus is in the widget once its update is done: the focused element's part, else its tag; '' when it is not inside. */
export async function focusedPart(element: EgovPoll): Promise<string> {
  await element.updateComplete;
  const focused = shadow(element).activeElement;
  return focused ? (focused.getAttribute('part') ?? focused.localName) : '';
}
