/**
 * Drives the editors' page (`<egov-admin>` and the elements in its shadow root) as an editor
 * would: by the keyboard, reading what the page shows and says.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { EgovAdmin } from '../../server/admin/src/admin-page.js';
import { AdminApi } from '../../server/admin/src/admin-api.js';
import { REFRESH_SECONDS } from '../../server/admin/src/poll-list.js';
import { override, shadow, visibleText } from '../support/helpers.js';
import { interactiveTargets, smallTargets } from '../hardening/a11y-axe.js';

export type AdminPart = 'egov-admin-sign-in' | 'egov-admin-polls' | 'egov-admin-poll-form' | 'egov-admin-audit';

/** The element that has the keyboard focus, looking into shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `accept`; fails after `max` presses. */
export async function tabUntil(accept: (element: Element) => boolean, description: string, { back = false, max = 400 } = {}): Promise<Element> {
  for (let presses = 0; presses < max; presses++) {
    const active = deepActive();
    if (active && accept(active)) return active;
    if (back) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
    } else {
      await sendKeys({ press: 'Tab' });
    }
  }
  throw new Error(`${description} never got the focus after ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Tabs to the control that matches `accept` (as `tabUntil`) and presses Enter on it. */
export async function tabAndPressEnter(accept: (element: Element) => boolean, description: string, options: { back?: boolean; max?: number } = {}): Promise<Element> {
  const control = await tabUntil(accept, description, options);
  await sendKeys({ press: 'Enter' });
  return control;
}

/**
 * Answers the browser's `confirm()` questions with `answer` (a test cannot click the browser's own
 * dialog) and keeps what was asked; `restore()` gives the dialog back.
 */
export function answerQuestions(answer: boolean): { asked: string[]; answer: boolean; restore(): void } {
  const questions = { asked: [] as string[], answer, restore: () => {} };
  questions.restore = override(window, {
    confirm: (message?: string) => {
      questions.asked.push(String(message));
      return questions.answer;
    },
  }).restore;
  return questions;
}

/**
 * Saves the new poll written in the form (`root`, its shadow root) and holds the save on its way:
 * the form shows it started, the server has not had it yet. `letGo()` sends it on.
 */
export async function startHeldSave(root: ShadowRoot): Promise<{ letGo(): void }> {
  // A new poll's save starts by reading the polls there are (see the form's `saveNew`): that
  // request, the first after this, is held; later ones (the list's refresh) go on.
  const polls = AdminApi.prototype.polls;
  let send = () => {};
  AdminApi.prototype.polls = function (signal) {
    AdminApi.prototype.polls = polls;
    return new Promise<void>((resolve) => (send = resolve)).then(() => polls.call(this, signal));
  };
  const held = {
    letGo() {
      AdminApi.prototype.polls = polls;
      send();
    },
  };
  root.querySelector<HTMLFormElement>('form')!.requestSubmit();
  try {
    await waitUntil(() => root.querySelector('button[type="submit"]')?.getAttribute('aria-disabled') === 'true', 'the save never started');
  } catch (error) {
    held.letGo();
    throw error;
  }
  return held;
}

/**
 * The next GET of the editors' API fails at the gateway (a 502 page, by the test proxy:
 * web-test-runner.config.mjs), the server never asked; later ones go through. Until `restore()`.
 */
export function failNextRead(key: string): { restore(): void } {
  document.cookie = `egov-fail-read=${key}; path=/api/admin`;
  return { restore: () => void (document.cookie = 'egov-fail-read=; path=/api/admin; max-age=0') };
}

/**
 * The next save (POST or PATCH of the admin API) loses its answer, by the test proxy
 * (web-test-runner.config.mjs): it reaches the server, which does it, and the connection is cut
 * on the way back — or, `late`, the connection is cut at once and the request reaches the server
 * 1.5 s later (done after the page gave up on it). Until `restore()`.
 */
export function loseNextSaveAnswer(key: string, { late = false } = {}): { restore(): void } {
  const name = late ? 'egov-late-request' : 'egov-lose-answer';
  document.cookie = `${name}=${key}; path=/api/admin`;
  return { restore: () => void (document.cookie = `${name}=; path=/api/admin; max-age=0`) };
}

/**
 * The next answer of `read` (the list of polls, the audit trail) the page asks for is read from
 * the server at once, and reaches the page only at `letGo()`; `wasRead` resolves once it has been read.
 */
export function holdNextRead(read: 'polls' | 'audit' | 'session'): { wasRead: Promise<void>; letGo(): void } {
  const api = AdminApi.prototype as unknown as Record<typeof read, (this: AdminApi, signal?: AbortSignal) => Promise<unknown>>;
  const asked = api[read];
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  let wasRead!: () => void;
  const readDone = new Promise<void>((resolve) => (wasRead = resolve));
  api[read] = async function (this: AdminApi, signal?: AbortSignal) {
    api[read] = asked;
    try {
      return await asked.call(this, signal);
    } finally {
      // A refusal (a 401 before signing in) is held too.
      wasRead();
      await held;
    }
  };
  return {
    wasRead: readDone,
    letGo: () => {
      api[read] = asked;
      letGo();
    },
  };
}

/**
 * What the page's live regions (`role` status or alert, `aria-live`) hold now, looking into shadow
 * roots: what a screen reader has been given to say. Empty ones are left out.
 */
export function liveRegionTexts(root: ParentNode): string[] {
  const texts: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const text = visibleText(element);
    if (text && element.matches('[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])')) texts.push(text);
    if (element.shadowRoot) texts.push(...liveRegionTexts(element.shadowRoot));
  }
  return texts;
}

/** Counts the lists of polls the page asks the server for, from now until `restore()`. */
export function countPollLists(): { count: number; restore(): void } {
  const asked = AdminApi.prototype.polls;
  const lists = {
    count: 0,
    restore: () => void (AdminApi.prototype.polls = asked),
  };
  AdminApi.prototype.polls = function (this: AdminApi, signal?: AbortSignal) {
    lists.count++;
    return asked.call(this, signal);
  };
  return lists;
}

/**
 * The list's refresh timer (every REFRESH_SECONDS), when started from now until `restore()`,
 * runs only at `tick()`: ten seconds pass for the list without the test waiting them. Other
 * timers run as usual.
 */
export function takeOverRefreshTimer(): { tick(): void; restore(): void } {
  const { setInterval: start, clearInterval: stop } = window;
  const due = new Map<number, () => void>();
  const overridden = override(window, {
    setInterval(handler: TimerHandler, timeout?: number, ...args: unknown[]): number {
      if (timeout !== REFRESH_SECONDS * 1000 || typeof handler !== 'function') return start(handler, timeout, ...args);
      // A real timer's id, never due by itself.
      const id = start(() => {}, 2 ** 31 - 1);
      due.set(id, () => handler(...args));
      return id;
    },
    clearInterval(id?: number): void {
      if (id !== undefined) due.delete(id);
      stop(id);
    },
  });
  return { tick: () => due.forEach((run) => run()), restore: overridden.restore };
}

/** The shadow root of one part of the page, once it is there. */
export async function part(admin: EgovAdmin, tag: AdminPart): Promise<ShadowRoot> {
  await waitUntil(() => shadow(admin).querySelector(tag)?.shadowRoot, `<${tag}> never appeared`, { timeout: 15_000 });
  return shadow(shadow(admin).querySelector(tag)!);
}

/** Waits until `selector` matches inside `root`, and returns it. */
export async function find<T extends Element = HTMLElement>(root: ShadowRoot, selector: string, timeout = 15_000): Promise<T> {
  await waitUntil(() => root.querySelector(selector), `${selector} never appeared`, { timeout });
  return root.querySelector<T>(selector)!;
}

/** What the page's live region says now. */
export function announcement(admin: EgovAdmin): string {
  return visibleText(shadow(admin).querySelector('[role="status"].visually-hidden'));
}

export async function waitForAnnouncement(admin: EgovAdmin, expected: string): Promise<void> {
  await waitUntil(() => announcement(admin) === expected, `the page never said "${expected}" (last: "${announcement(admin)}")`, {
    timeout: 15_000,
  });
}

/** Focuses `field` from the keyboard and types `text` into it. */
export async function typeInto(field: Element, text: string): Promise<void> {
  await tabUntil((active) => active === field, `${field.localName}#${field.id}`);
  await sendKeys({ type: text });
}

/**
 * Signs in through the form, by the keyboard, and waits for `then`: the polls, or the poll form a
 * session's end left open.
 */
export async function signInWithKeyboard(
  admin: EgovAdmin,
  username: string,
  password: string,
  then: AdminPart = 'egov-admin-polls',
): Promise<void> {
  const form = await part(admin, 'egov-admin-sign-in');
  await typeInto(await find(form, '#username'), username);
  await typeInto(await find(form, '#password'), password);
  await sendKeys({ press: 'Enter' });
  await part(admin, then);
}

/**
 * Writes a new poll into the open form by the keyboard: its question, its id when given, and the
 * labels of its first two options (the form opens with two).
 */
export async function writeNewPoll(form: ShadowRoot, { question, pollId, options }: { question: string; pollId?: string; options: [string, string] }): Promise<void> {
  await typeInto(form.querySelector('#question')!, question);
  if (pollId !== undefined) await typeInto(form.querySelector('#poll-id')!, pollId);
  await typeInto(optionInputs(form)[0]!, options[0]);
  await typeInto(optionInputs(form)[1]!, options[1]);
}

/** The `<article>` of the poll `pollId` in the list, once it is shown. */
export async function pollCard(admin: EgovAdmin, pollId: string): Promise<HTMLElement> {
  const list = await part(admin, 'egov-admin-polls');
  const heading = await find(list, `[data-heading="${pollId}"]`);
  return heading.closest('article')!;
}

/** A poll's result lines as shown: `label share · count`. */
export function resultLines(card: Element): string[] {
  return [...card.querySelectorAll('.result')].map(visibleText);
}

/** The option fields of the form, in order. */
export function optionInputs(form: ShadowRoot): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('.option input')];
}

/**
 * Every button of the form's option rows that has an `aria-label` holds its visible word in it,
 * case aside (WCAG 2.5.3, label in name: "Lên" in "Chuyển phương án 2 “Có” lên").
 */
export function expectLabelInName(form: ShadowRoot): void {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('.option button[aria-label]')];
  expect(buttons.length, 'option buttons with a name').to.be.greaterThan(0);
  for (const button of buttons) {
    const shown = visibleText(button);
    const name = button.getAttribute('aria-label')!;
    expect(shown, `visible text of "${name}"`).not.to.equal('');
    expect(name.toLocaleLowerCase(), `"${shown}" is not in its name "${name}"`).to.include(shown.toLocaleLowerCase());
  }
}

/** axe finds nothing, and every control in the page (its parts included) is at least 24×24 px. */
export async function expectAccessible(element: HTMLElement): Promise<void> {
  await expect(element).to.be.accessible();
  expect(smallTargets(interactiveTargets(shadow(element))), 'targets under 24×24 px').to.deep.equal([]);
}
