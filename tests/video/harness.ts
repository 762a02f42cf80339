/**
 * Drives `<egov-video>` as a reader would, and reads what it shows: a YouTube facade, a video file
 * with captions, a playlist and its items, and what the page has asked of YouTube and Google.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { EgovVideo } from '../../src/video/video.js';
import { faultUrl, shadow, visibleText } from '../support/helpers.js';
import { THIRD_PARTY_HOST } from '../support/third-party.js';

export const ID = 'dQw4w9WgXcQ';
export const TITLE = 'Phú Lương: hội nghị tổng kết công tác cán bộ';
export const POSTER = '/demo/favicon.svg';
export const CAPTIONS = '/tests/fixtures/captions-vi.vtt';
/** A video file the test server does not have: it never plays. */
export const MISSING_FILE = '/tests/fixtures/khong-co.mp4';

export const PLAYLIST = JSON.stringify([
  { title: 'Video một', youtube: ID, published: '2018-05-11', duration: 205 },
  { title: 'Video hai', src: MISSING_FILE, captions: CAPTIONS, duration: '1:02' },
  { title: 'Video ba', youtube: 'aqz-KE-bpKQ', poster: POSTER },
]);

/** `path` as the browser resolves it against the test page. */
export const absolute = (path: string) => new URL(path, location.href).href;

/** Resources the page has requested from a YouTube or Google host so far. */
export function thirdPartyRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => THIRD_PARTY_HOST.test(new URL(name).hostname));
}

/** Elements in the widget that point at a YouTube or Google host. */
export function thirdPartyElements(element: Element): string[] {
  return [...shadow(element).querySelectorAll('iframe, img, video, track, source, link, script')]
    .map((node) => node.getAttribute('src') ?? node.getAttribute('href') ?? node.getAttribute('poster') ?? '')
    .filter((url) => url && THIRD_PARTY_HOST.test(new URL(url, location.href).hostname));
}

export function youtubeVideo(lang = 'vi', poster = '') {
  return fixture<EgovVideo>(html`<egov-video lang=${lang} youtube=${ID} heading=${TITLE} poster=${poster}></egov-video>`);
}

export function fileVideo(lang = 'vi', src = MISSING_FILE) {
  return fixture<EgovVideo>(html`<egov-video lang=${lang} src=${src} poster=${POSTER} captions=${CAPTIONS} heading=${TITLE}></egov-video>`);
}

/** A video showing the playlist `body` (JSON), served by the test endpoint. */
export function playlistVideo(lang = 'vi', body = PLAYLIST) {
  return fixture<EgovVideo>(html`<egov-video lang=${lang} playlist=${faultUrl('json', { ok: body })}></egov-video>`);
}

/** The playlist's buttons, in order. */
export function items(element: Element): HTMLButtonElement[] {
  return [...shadow(element).querySelectorAll<HTMLButtonElement>('[part~="item"]')];
}

/** The title of the one playlist item marked current. */
export function currentItem(element: Element): string {
  const current = items(element).filter((item) => item.getAttribute('aria-current') === 'true');
  expect(current).to.have.length(1);
  return visibleText(current[0]!.querySelector('.item-title'));
}
