// The states of <egov-poll> that the accessibility sweep (../a11y.test.ts) checks.
import { expect, html } from '@open-wc/testing';
import { inShadow, part, shadow } from '../../support/helpers.js';
import { faultyEndpoint, form, pollElement } from '../../poll/harness.js';
import type { EgovPoll } from '../../../src/poll/poll.js';
import { type Lang, type State, click, shownWhen } from '../a11y-sweep.js';

// Through the faulty endpoint's proxy to the reference server (a poll of its own per
// test), and the reference server for a closed poll.

/** Through the faulty endpoint's proxy, a poll of its own that loads and votes normally. */
const working = () => faultyEndpoint('json', 'load', 0);

async function poll(lang: Lang, endpoint: string, { pollId = 'own', showResults = 'always' } = {}) {
  return (await pollElement(pollId, { lang, endpoint, showResults })).element;
}

async function pollForm(lang: Lang, endpoint = working(), options = {}) {
  const element = await poll(lang, endpoint, options);
  await inShadow(element, 'form');
  return element;
}

async function choose(element: EgovPoll, ...ids: string[]): Promise<void> {
  for (const id of ids) await click(element, `input[value="${id}"]`);
}

async function vote(element: EgovPoll, ...ids: string[]): Promise<void> {
  await choose(element, ...ids);
  await click(element, '[part="vote-button"]');
}

export const pollStates: State[] = [
  {
    name: 'loading',
    async render(lang) {
      const element = await poll(lang, faultyEndpoint('slow', 'load'));
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'voting, nothing chosen yet',
    async render(lang) {
      const element = await pollForm(lang);
      expect(part(element, 'vote-button')!.hasAttribute('disabled')).to.equal(true);
      return element;
    },
  },
  {
    name: 'a choice made',
    async render(lang) {
      const element = await pollForm(lang);
      await choose(element, '3-ngay');
      expect(part(element, 'vote-button')!.hasAttribute('disabled')).to.equal(false);
      return element;
    },
  },
  {
    name: 'several choices made (checkboxes)',
    async render(lang) {
      const element = await pollForm(lang, working(), { pollId: 'own-multiple' });
      await choose(element, '2-ngay', '5-ngay');
      expect(shadow(element).querySelectorAll('input[type="checkbox"]:checked')).to.have.length(2);
      return element;
    },
  },
  {
    name: 'submitting',
    async render(lang) {
      const element = await pollForm(lang, faultyEndpoint('slow', 'vote'));
      await vote(element, '3-ngay');
      expect(form(element)!.getAttribute('aria-busy')).to.equal('true');
      return element;
    },
  },
  {
    name: 'results with the reader’s own choice',
    async render(lang) {
      const element = await pollForm(lang);
      await vote(element, '2-ngay');
      await inShadow(element, '.result.mine');
      return element;
    },
  },
  {
    name: 'results before voting',
    async render(lang) {
      const element = await pollForm(lang);
      await click(element, '[part="results-button"]');
      await inShadow(element, '[part="back-button"]');
      return element;
    },
  },
  {
    name: 'closed',
    async render(lang) {
      const element = await poll(lang, '/api', { pollId: 'da-ket-thuc' });
      await inShadow(element, '[part="results"] [part="notice"]');
      return element;
    },
  },
  {
    name: 'error after a failed vote, choice kept',
    async render(lang) {
      const element = await pollForm(lang, faultyEndpoint('429-long', 'vote'));
      await vote(element, '5-ngay');
      await inShadow(element, '[part="error"]');
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="5-ngay"]')!.checked).to.equal(true);
      return element;
    },
  },
  {
    name: 'results hidden until a vote (show-results="after-vote")',
    async render(lang) {
      const element = await pollForm(lang, working(), { showResults: 'after-vote' });
      expect(shadow(element).querySelector('[part="results-button"]')).to.equal(null);
      return element;
    },
  },
  {
    name: 'voted, results hidden until the poll closes (show-results="after-close")',
    async render(lang) {
      const element = await pollForm(lang, working(), { showResults: 'after-close' });
      await vote(element, '3-ngay');
      await inShadow(element, '[part="results"] [part="notice"]');
      expect(shadow(element).querySelector('[part="bar"]')).to.equal(null);
      return element;
    },
  },
  shownWhen('not configured (no poll-id)', (lang) => html`<egov-poll lang=${lang}></egov-poll>`, '[part="error"]'),
];
