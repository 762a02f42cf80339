/**
 * What the accessibility sweep (./a11y.test.ts) shares with the state tables of each widget
 * (./a11y-states/): the languages, a state, the browser features a state replaced, and a click.
 */
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { inShadow } from '../support/helpers.js';

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

/** Browser features a state replaces (clipboard, speech, with `override`), restored after each test. */
export const stubs: { restore(): void }[] = [];

export async function click(element: HTMLElement & { updateComplete?: Promise<unknown> }, selector: string): Promise<void> {
  (await inShadow(element, selector)).click();
  await element.updateComplete;
}
