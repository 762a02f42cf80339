/**
 * What the accessibility sweep (./a11y.test.ts) shares with the state tables of each widget
 * (./a11y-states/): the languages, a state, and browser features replaced for one test.
 */
import { inShadow, shadow } from '../support/helpers.js';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];

export interface State {
  name: string;
  /** Renders the widget in `lang` and brings it into the state; rejects if the state is never reached. */
  render(lang: Lang): Promise<Element>;
}

// ---------------------------------------------------------------------------------------------
// Stubs of browser features a state needs (clipboard, speech), restored after each test.

let restores: (() => void)[] = [];

/** Replaces own properties of `target` until the end of the test. */
export function override<T extends object>(target: T, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    const saved = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, { value, configurable: true, writable: true });
    restores.push(() => {
      if (saved) Object.defineProperty(target, key, saved);
      else delete (target as Record<string, unknown>)[key];
    });
  }
}

/** Puts back, last first, everything `override` replaced. */
export function restoreOverrides(): void {
  restores.reverse().forEach((restore) => restore());
  restores = [];
}

export const TEXT_SIZE_KEY = 'egov-article-text-size';

export function part(element: Element, name: string): HTMLElement {
  const found = shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name} in <${element.localName}>`);
  return found;
}

export async function click(element: HTMLElement & { updateComplete?: Promise<unknown> }, selector: string): Promise<void> {
  (await inShadow(element, selector)).click();
  await element.updateComplete;
}
