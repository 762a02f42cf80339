/**
 * Drives `<egov-banners>` as a reader would, and reads what it shows: three banners stacked or
 * turning, the carousel's parts, the slide on screen, the pointer over it, and the real-time pace
 * the rotation tests wait on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import type { EgovBanners } from '../../src/banners/banners.js';
import { shadow } from '../support/helpers.js';

/** The pace the rotation tests run at, on real timers: slow enough for a busy machine to keep up. */
export const INTERVAL_S = 3;
/** Long enough for one turn at that interval to have happened, with slack for a busy machine. */
export const ONE_TURN_MS = INTERVAL_S * 1000 + 1200;

export const IMAGE = '/demo/favicon.svg';

/** Three banners of national and provincial portals, turning every `INTERVAL_S` unless told otherwise. */
export function threeBanners(attributes: { lang?: string; layout?: string; interval?: number } = {}) {
  return fixture<EgovBanners>(html`
    <egov-banners lang=${attributes.lang ?? 'vi'} layout=${attributes.layout ?? 'rotate'} interval=${attributes.interval ?? INTERVAL_S}>
      <a href="https://dichvucong.gov.vn"><img src=${IMAGE} alt="Cổng Dịch vụ công quốc gia" width="300" height="100" /></a>
      <a href="https://chinhphu.vn"><img src=${IMAGE} alt="Cổng Thông tin điện tử Chính phủ" width="300" height="100" /></a>
      <a href="https://thainguyen.gov.vn"><img src=${IMAGE} alt="Cổng Thông tin điện tử tỉnh Thái Nguyên" width="300" height="100" /></a>
    </egov-banners>
  `);
}

/** The part `name` of the carousel, which must be shown. */
export function control<T extends Element = HTMLElement>(element: Element, name: string): T {
  const found = shadow(element).querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

/** The slide on screen, by its "n / total" label. */
export function currentSlide(element: Element): string {
  const shown = [...shadow(element).querySelectorAll<HTMLElement>('.slide')].filter(
    (slide) => getComputedStyle(slide).visibility === 'visible',
  );
  expect(shown).to.have.length(1);
  return shown[0]!.getAttribute('aria-label') ?? '';
}

/** The `alt` of every banner image shown. */
export function imageAlts(element: Element): string[] {
  return [...shadow(element).querySelectorAll('img')].map((image) => image.alt);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A finger's tap on the middle of `target` (touch, and the browser's compatibility mouse events). */
export async function tap(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await executeServerCommand('tap', { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) });
}

/** Moves the pointer over the middle of `target`. */
export async function hover(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Moves the pointer off the widget, to the bottom-left corner of the page. */
export async function leave(): Promise<void> {
  await sendMouse({ type: 'move', position: [0, window.innerHeight - 1] });
}
