import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { revealedTop, rowOffsets, visibleSpan, windowSpans } from '../../src/web-links/list-window.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { inShadow, shadow, visibleText } from '../support/helpers.js';
import { heardStatus, numberedLinks } from './harness.js';

/**
 * A long list keeps only a window of rows around what is visible in the DOM: the DOM work of a
 * keystroke does not grow with the number of links, while the keyboard, the mouse wheel and screen
 * readers still reach every option of the list.
 */

/** More option elements than this in the DOM means the list is not windowed (the list shows up to 100). */
const WINDOW_BOUND = 30;

/** How the long lists here are made: in Vietnamese, links opening in the same tab. */
const LONG_LIST = { lang: 'vi', target: '_self' };

const listbox = (element: Element) => shadow(element).querySelector('[role="listbox"]') as HTMLElement;
const renderedOptions = (element: Element) => [...shadow(element).querySelectorAll<HTMLElement>('[role="option"]')];
const labelOf = (option: Element | null | undefined) => visibleText(option?.querySelector('.option-label'));

function activeOption(element: Element): HTMLElement | null {
  const id = shadow(element).querySelector('input')?.getAttribute('aria-activedescendant');
  return id ? shadow(element).getElementById(id) : null;
}

/** Presses or types keys in the filter box, then lets the measured heights settle (a ResizeObserver, then a frame). */
async function keys(element: EgovWebLinks, ...pressed: string[]): Promise<void> {
  shadow(element).querySelector('input')?.focus();
  // Named keys ("End", "PageDown") are pressed; anything else is typed.
  for (const key of pressed) await sendKeys(/^[A-Z][A-Za-z]+$/.test(key) ? { press: key } : { type: key });
  await settle(element);
}

/**
 * Waits until the list is still: the rows in the DOM, the scroll position and the active option the
 * same over two frames (at least four frames, at most a hundred). A fixed count of frames was not
 * enough on a loaded machine, where a measured height can come a frame or two later.
 */
async function settle(element: EgovWebLinks): Promise<void> {
  let before = '';
  for (let frame = 0; frame < 100; frame++) {
    await element.updateComplete;
    await nextFrame();
    const now = [
      listbox(element)?.scrollTop,
      shadow(element).querySelector('input')?.getAttribute('aria-activedescendant'),
      ...renderedOptions(element).map((option) => `${option.id}:${option.offsetTop}`),
    ].join(' ');
    if (frame >= 3 && now === before) break;
    before = now;
  }
  await element.updateComplete;
}

/** Scrolls the list as a reader with a mouse wheel would, and waits for the window to follow. */
async function scrollListTo(element: EgovWebLinks, top: number): Promise<void> {
  listbox(element).scrollTop = top;
  await settle(element);
}

function isInsideList(element: Element, option: Element): boolean {
  const list = listbox(element).getBoundingClientRect();
  const box = option.getBoundingClientRect();
  return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
}

/** Counts what `change` does to the DOM of the shadow root: nodes added or removed, attributes and texts changed. */
async function domWorkOf(element: EgovWebLinks, change: () => Promise<void>): Promise<number> {
  let count = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records) count += record.type === 'childList' ? record.addedNodes.length + record.removedNodes.length : 1;
  });
  observer.observe(shadow(element), { subtree: true, childList: true, attributes: true, characterData: true });
  await change();
  observer.takeRecords().forEach(() => count++);
  observer.disconnect();
  return count;
}

describe('<egov-web-links> with a long list', () => {
  it(`keeps at most ${WINDOW_BOUND} option elements in the DOM for 5,000 and for 10,000 links`, async () => {
    for (const count of [5000, 10_000]) {
      const element = await numberedLinks(count, LONG_LIST);
      await keys(element, 'ArrowDown');
      expect(renderedOptions(element).length, `${count} links`).to.be.within(5, WINDOW_BOUND);
      expect(labelOf(renderedOptions(element)[0])).to.equal('Liên kết 1');
      element.remove();
    }
  });

  it('does the same DOM work for a keystroke with 10,000 links as with 5,000', async () => {
    const work: number[] = [];
    for (const count of [5000, 10_000]) {
      const element = await numberedLinks(count, LONG_LIST);
      await keys(element, 'lien ket ');
      work.push(await domWorkOf(element, () => keys(element, '4')));
      expect(renderedOptions(element).length).to.be.within(5, WINDOW_BOUND);
      expect(labelOf(renderedOptions(element)[0])).to.equal('Liên kết 4');
      element.remove();
    }
    expect(work[0]).to.be.greaterThan(0);
    expect(work[1]).to.equal(work[0]);
    // A hundred rows rebuilt (the list before windowing) is over 1,000 changes.
    expect(work[0]).to.be.below(WINDOW_BOUND * 12);
  });

  it('End reaches the last option, rendered and scrolled into view; Home goes back to the top', async () => {
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown', 'End');
    const last = activeOption(element);
    expect(labelOf(last)).to.equal('Liên kết 100');
    expect(last?.getAttribute('aria-selected')).to.equal('true');
    expect(last?.getAttribute('aria-posinset')).to.equal('100');
    expect(last?.getAttribute('aria-setsize')).to.equal('100');
    expect(isInsideList(element, last!)).to.equal(true);
    expect(renderedOptions(element).length).to.be.at.most(WINDOW_BOUND);
    await keys(element, 'Home');
    expect(labelOf(activeOption(element))).to.equal('Liên kết 1');
    expect(listbox(element).scrollTop).to.equal(0);
    expect(isInsideList(element, activeOption(element)!)).to.equal(true);
  });

  it('the arrows and Page Down walk through the whole list, each active option in view', async function () {
    // Each key waits for the list to be still over frames: slow on a busy machine, not stuck.
    this.timeout(60_000);
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown');
    for (const [key, expected] of [
      ['PageDown', 11], ['PageDown', 21], ['PageDown', 31], ['ArrowDown', 32], ['PageUp', 22], ['ArrowUp', 21],
    ] as const) {
      await keys(element, key);
      const active = activeOption(element);
      expect(labelOf(active), key).to.equal(`Liên kết ${expected}`);
      expect(isInsideList(element, active!), `Liên kết ${expected} in view`).to.equal(true);
    }
    await keys(element, 'Home', 'ArrowUp');
    expect(labelOf(activeOption(element)), 'wraps from the first to the last').to.equal('Liên kết 100');
  });

  it('scrolls by the wheel as far as the wheel turns, through every link in order (no jump to the end)', async function () {
    this.timeout(60_000);
    // The demo's links: groups, and names of every length (rows of several heights, measured as they come).
    const element = await fixture<EgovWebLinks>(html`<egov-web-links src="/demo/data/web-links.json"></egov-web-links>`);
    await inShadow(element, '[part="input"]');
    await keys(element, 'ArrowDown');
    const list = listbox(element);
    const box = list.getBoundingClientRect();
    const tops = [list.scrollTop];
    for (let notch = 0; notch < 6; notch++) {
      await executeServerCommand('wheel', { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2), deltaY: 100 });
      await settle(element);
      tops.push(list.scrollTop);
    }
    const steps = tops.slice(1).map((top, index) => Math.round(top - tops[index]!));
    expect(steps.every((step) => step > 60 && step < 140), `scrolled by ${steps.join(', ')} px`).to.equal(true);
  });

  it('shows the rows of wherever the reader scrolls, numbered for screen readers', async () => {
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown');
    const list = listbox(element);
    await scrollListTo(element, list.scrollHeight / 2);
    const box = list.getBoundingClientRect();
    const middle = shadow(element).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[role="option"]');
    expect(labelOf(middle)).to.match(/^Liên kết (4\d|5\d)$/);
    for (const option of renderedOptions(element)) {
      expect(option.getAttribute('aria-posinset')).to.equal(labelOf(option).replace('Liên kết ', ''));
      expect(option.getAttribute('aria-setsize')).to.equal('100');
    }
    await scrollListTo(element, list.scrollHeight);
    expect(labelOf(renderedOptions(element).at(-1))).to.equal('Liên kết 100');
    expect(isInsideList(element, renderedOptions(element).at(-1)!)).to.equal(true);
    expect(renderedOptions(element).length).to.be.at.most(WINDOW_BOUND);
  });

  it('keeps the active option in the DOM for aria-activedescendant when the reader scrolls away from it', async () => {
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown', 'ArrowDown');
    await scrollListTo(element, listbox(element).scrollHeight);
    expect(labelOf(activeOption(element))).to.equal('Liên kết 2');
    expect(renderedOptions(element).length).to.be.at.most(WINDOW_BOUND + 1);
    await expect(element).to.be.accessible();
    await keys(element, 'ArrowDown');
    expect(labelOf(activeOption(element))).to.equal('Liên kết 3');
    expect(isInsideList(element, activeOption(element)!)).to.equal(true);
  });

  it('a new filter starts from the top of the list', async () => {
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown');
    await scrollListTo(element, 2000);
    expect(listbox(element).scrollTop).to.be.greaterThan(0);
    await keys(element, 'lien ket 1');
    expect(listbox(element).scrollTop).to.equal(0);
    expect(labelOf(renderedOptions(element)[0])).to.equal('Liên kết 1');
    expect(renderedOptions(element)[0]?.querySelector('mark')?.textContent).to.equal('Liên kết 1');
  });

  it('a window that starts inside a group still names the group', async () => {
    const element = await numberedLinks(5000, { ...LONG_LIST, groupSize: 40 });
    await keys(element, 'ArrowDown');
    await scrollListTo(element, 30 * 44);
    const groups = [...shadow(element).querySelectorAll('[role="group"]')];
    expect(groups.length).to.be.greaterThan(0);
    for (const group of groups) {
      const heading = shadow(element).getElementById(group.getAttribute('aria-labelledby') ?? '');
      const number = Number(labelOf(group.querySelector('[role="option"]')).replace('Liên kết ', ''));
      expect(visibleText(heading)).to.equal(`Nhóm ${Math.ceil(number / 40)}`);
    }
    await expect(element).to.be.accessible();
  });

  it('still lists the first 100 matches, says how many more there are and narrows as the reader types', async () => {
    const element = await numberedLinks(5000, LONG_LIST);
    await keys(element, 'ArrowDown');
    expect(visibleText(shadow(element).querySelector('[part="more"]'))).to.equal('và 4.900 liên kết khác — gõ thêm để lọc');
    expect(await heardStatus(element)).to.equal('Có 5.000 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
    await keys(element, 'lien ket 4');
    expect(await heardStatus(element)).to.equal('Có 2.084 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
    expect(renderedOptions(element)[0]?.getAttribute('aria-setsize')).to.equal('100');
    await keys(element, '999');
    expect(renderedOptions(element).map(labelOf)).to.deep.equal(['Liên kết 4999']);
    expect(shadow(element).querySelector('[part="more"]')).to.equal(null);
    expect(renderedOptions(element)[0]?.getAttribute('aria-setsize')).to.equal('1');
  });

  it('has no axe violations with the windowed list open and filtered', async () => {
    const element = await numberedLinks(5000, { ...LONG_LIST, groupSize: 25 });
    await keys(element, 'ArrowDown', 'PageDown', 'PageDown', 'PageDown');
    await expect(element).to.be.accessible();
    await keys(element, 'lien ket 7');
    await expect(element).to.be.accessible();
  });
});

/** The arithmetic of the window over a list: which rows to render, where to scroll. */
describe('the window of a long list', () => {
  // Ten rows of 40 px, one heading of 30 px at row 3: the list is 390 px high.
  const heights = [40, 40, 40, 30, 40, 40, 40, 40, 40, 40];
  const offsets = rowOffsets(heights);

  it('sums the rows into their tops and the height of the list', () => {
    expect(offsets).to.deep.equal([0, 40, 80, 120, 150, 190, 230, 270, 310, 350, 390]);
  });

  it('renders the rows that overlap the visible part and its margins', () => {
    expect(visibleSpan(offsets, 0, 100, 0)).to.deep.equal({ start: 0, end: 3 });
    expect(visibleSpan(offsets, 150, 80, 0)).to.deep.equal({ start: 4, end: 6 });
    // [110, 270): row 2 ends at 120, row 7 starts at 270.
    expect(visibleSpan(offsets, 150, 80, 40)).to.deep.equal({ start: 2, end: 7 });
    expect(visibleSpan(offsets, 1000, 100, 0)).to.deep.equal({ start: 9, end: 10 });
    expect(visibleSpan(rowOffsets([]), 0, 100, 0)).to.deep.equal({ start: 0, end: 0 });
  });

  it('the number of rows rendered depends on the visible height, not on the length of the list', () => {
    const long = rowOffsets(Array.from({ length: 100_000 }, () => 44));
    const short = rowOffsets(Array.from({ length: 1000 }, () => 44));
    // [21840, 22480): rows 496 (ends at 21868) to 510 (starts at 22440).
    expect(visibleSpan(long, 44 * 500, 320, 160)).to.deep.equal({ start: 496, end: 511 });
    expect(visibleSpan(short, 44 * 500, 320, 160)).to.deep.equal({ start: 496, end: 511 });
  });

  it('keeps the active row rendered: a span of its own when far, the visible span stretched when next to it', () => {
    expect(windowSpans({ start: 4, end: 8 }, 6)).to.deep.equal([{ start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, -1)).to.deep.equal([{ start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 8)).to.deep.equal([{ start: 4, end: 9 }]);
    expect(windowSpans({ start: 4, end: 8 }, 3)).to.deep.equal([{ start: 3, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 0)).to.deep.equal([{ start: 0, end: 1 }, { start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 20)).to.deep.equal([{ start: 4, end: 8 }, { start: 20, end: 21 }]);
  });

  it('scrolls as little as it takes to show rows whole', () => {
    expect(revealedTop(offsets, 1, 1, 0, 100), 'already in view').to.equal(0);
    expect(revealedTop(offsets, 9, 9, 0, 100), 'below: its bottom at the bottom').to.equal(290);
    expect(revealedTop(offsets, 3, 4, 290, 100), 'above: the heading at the top').to.equal(120);
    expect(revealedTop(offsets, 0, 9, 100, 100), 'taller than the view: the first row wins').to.equal(0);
  });
});
