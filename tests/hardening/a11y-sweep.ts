/**
 * What the accessibility sweep (./a11y.test.ts) shares with the state tables of each widget
 * (./a11y-states/): the languages, a state, the browser features a state replaced, and a click.
 */
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { faultUrl, inShadow } from '../support/helpers.js';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];

export interface State {
  name: string;
  /** Renders the widget in `lang` and brings it into the state; rejects if the state is never reached. */
  render(lang: Lang): Promise<Element>;
}

/** The state in which `selector` shows in the widget `template` renders. */
export function shownWhen(name: string, template: (lang: Lang) => TemplateResult, selector: string): State {
  return {
    name,
    async render(lang) {
      const element = await fixture(template(lang));
      await inShadow(element, selector);
      return element;
    },
  };
}

/** Long enough for the sweep to find a remote widget still loading. */
const LOADING_MS = 5000;

/**
 * The loading and the failed state of a widget that loads data: `template(lang, url)` renders it
 * loading `url`; `ok` is the JSON it loads, `failure` a misbehaviour of the test endpoint
 * (tests/support/faulty-endpoint.mjs). `prefix` names the states of a widget with more than one source.
 */
export function remoteStates(
  template: (lang: Lang, url: string) => TemplateResult,
  { ok, failure, prefix = '' }: { ok: string; failure: string; prefix?: string },
): State[] {
  return [
    shownWhen(`${prefix}loading`, (lang) => template(lang, faultUrl('slow', { ok, delay: LOADING_MS })), '[part="loading"]'),
    shownWhen(`${prefix}error`, (lang) => template(lang, faultUrl(failure)), '[part="retry-button"]'),
  ];
}

/** Browser features a state replaces (clipboard, speech, with `override`), restored after each test. */
export const stubs: { restore(): void }[] = [];

export async function click(element: HTMLElement & { updateComplete?: Promise<unknown> }, selector: string): Promise<void> {
  (await inShadow(element, selector)).click();
  await element.updateComplete;
}
