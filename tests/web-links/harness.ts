/**
 * Drives `<egov-web-links>` as a reader would, and reads what it shows: the fixtures the tests
 * share (the sample links, numbered links), the combobox's parts, and the keys, typing and clicks.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { EgovWebLinks, WebLinkSelectDetail } from '../../src/web-links/web-links.js';
import { shadow, visibleText } from '../support/helpers.js';
import { SETTLE_MS } from '../../src/shared/live-region.js';

/** Links a Thái Nguyên district portal offers, plus Đà Nẵng for the diacritics cases. */
export function sampleLinks(attributes: { lang?: string; target?: string } = {}) {
  return fixture<EgovWebLinks>(html`
    <egov-web-links lang=${attributes.lang ?? 'vi'} target=${attributes.target ?? '_blank'}>
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://dichvucong.gov.vn" data-group="Trung ương">Cổng Dịch vụ công quốc gia</a>
      <a href="https://moha.gov.vn" data-group="Trung ương">Bộ Nội vụ</a>
      <a href="https://thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Cổng Thông tin điện tử tỉnh Thái Nguyên</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ</a>
      <a href="https://stc.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Tài chính</a>
      <a href="https://danang.gov.vn" data-group="Tỉnh, thành phố khác">Cổng Thông tin điện tử thành phố Đà Nẵng</a>
      <a href="https://dinhhoa.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Định Hóa</a>
      <a href="https://donghy.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Đồng Hỷ</a>
      <a href="https://daitu.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Đại Từ</a>
    </egov-web-links>
  `);
}

/**
 * `count` links named "Liên kết 1" …, ungrouped, or in groups of `groupSize` ("Nhóm 1" …); `lang`
 * and `target` set on the element when given.
 */
export function numberedLinks(count: number, { groupSize = 0, lang = '', target = '' } = {}) {
  const element = document.createElement('egov-web-links');
  if (lang) element.lang = lang;
  if (target) element.target = target;
  for (let index = 1; index <= count; index++) {
    const anchor = document.createElement('a');
    anchor.href = `https://xa${index}.example.gov.vn/`;
    anchor.textContent = `Liên kết ${index}`;
    if (groupSize) anchor.dataset['group'] = `Nhóm ${Math.ceil(index / groupSize)}`;
    element.append(anchor);
  }
  return fixture<EgovWebLinks>(html`${element}`);
}

export function input(element: Element): HTMLInputElement {
  return shadow(element).querySelector('input') as HTMLInputElement;
}

export function popup(element: Element): HTMLElement {
  return shadow(element).querySelector('[part="popup"]') as HTMLElement;
}

/** The label of the box, as shown. */
export function labelText(element: Element): string {
  return visibleText(shadow(element).querySelector('label'));
}

/** The box around the input and its arrow button. */
export function fieldBox(element: Element): HTMLElement {
  return shadow(element).querySelector('[part="field"]') as HTMLElement;
}

/** Every option of the open list. */
export function options(element: Element): NodeListOf<HTMLElement> {
  return shadow(element).querySelectorAll<HTMLElement>('[role="option"]');
}

/** The first option of the list, if it is open. */
export function firstOption(element: Element): HTMLElement | null {
  return shadow(element).querySelector<HTMLElement>('[role="option"]');
}

/** The option whose text includes `text`. */
export function optionWith(element: Element, text: string): HTMLElement | undefined {
  return [...options(element)].find((node) => visibleText(node).includes(text));
}

export function optionLabels(element: Element): string[] {
  return [...shadow(element).querySelectorAll('[role="option"] .option-label')].map(visibleText);
}

export function activeLabel(element: Element): string | undefined {
  const id = input(element).getAttribute('aria-activedescendant');
  if (!id) return undefined;
  const option = shadow(element).getElementById(id);
  expect(option?.getAttribute('aria-selected')).to.equal('true');
  return visibleText(option?.querySelector('.option-label'));
}

export function statusText(element: Element): string {
  return visibleText(shadow(element).querySelector('[role="status"]'));
}

/**
 * What the live region says next, once it has settled (no change for longer than SETTLE_MS):
 * what a screen reader hears after the reader stops typing. Waits for the region to change first
 * (up to 5 s), as a busy machine may fire the widget's timer later than SETTLE_MS; every caller
 * expects the region to say something new.
 */
export async function heardStatus(element: EgovWebLinks): Promise<string> {
  const started = performance.now();
  const before = statusText(element);
  while (statusText(element) === before && performance.now() - started < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let said = statusText(element);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 100));
    await element.updateComplete;
    const now = statusText(element);
    if (now === said || performance.now() - started > 10000) return now;
    said = now;
  }
}

/** Every text the live region takes from now on, in order. */
export function statusChanges(element: Element): string[] {
  const said: string[] = [];
  new MutationObserver(() => {
    const text = statusText(element);
    if (text !== (said.at(-1) ?? '')) said.push(text);
  }).observe(shadow(element), { subtree: true, childList: true, characterData: true });
  return said;
}

export function isExpanded(element: Element): boolean {
  return input(element).getAttribute('aria-expanded') === 'true';
}

export async function focusBox(element: EgovWebLinks): Promise<void> {
  input(element).focus();
  await element.updateComplete;
}

export async function press(element: EgovWebLinks, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

export async function typeInto(element: EgovWebLinks, text: string): Promise<void> {
  await focusBox(element);
  await sendKeys({ type: text });
  await element.updateComplete;
}

/** Collects every `egov-link-select`, cancelling them so the test page never navigates. */
export function cancelSelections(element: HTMLElement) {
  const selected: CustomEvent<WebLinkSelectDetail>[] = [];
  element.addEventListener('egov-link-select', (event) => {
    event.preventDefault();
    selected.push(event);
  });
  return selected;
}

export async function clickOn(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** What tests/web-links/landing.html reports when a link really opened it. */
export interface Landing {
  href: string;
  hasOpener: boolean;
  referrer: string;
  framed: boolean;
}

/** Listens for pages that tests/web-links/landing.html reports as opened. */
export function watchLandings() {
  const channel = new BroadcastChannel('egov-web-links-test');
  const landings: Landing[] = [];
  channel.onmessage = (event: MessageEvent<Landing>) => landings.push(event.data);
  return {
    landings,
    async next(id: string): Promise<Landing> {
      await waitUntil(() => landings.some((landing) => landing.href.includes(id)), `${id} never opened`, { timeout: 10_000 });
      return landings.find((landing) => landing.href.includes(id)) as Landing;
    },
    close: () => channel.close(),
  };
}

export function landingUrl(id: string): string {
  return `/tests/web-links/landing.html?id=${id}`;
}



/** The sample links as a template, for fixtures that wrap them. */
export function sampleLinksTemplate() {
  return html`
    <egov-web-links lang="vi">
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ</a>
    </egov-web-links>
  `;
}
