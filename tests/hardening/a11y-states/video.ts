// The states of <egov-video> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import { faultUrl, inShadow, shadow } from '../../support/helpers.js';
import { type State, click } from '../a11y-sweep.js';

const videosJson = JSON.stringify([
  { title: 'Hội nghị tổng kết công tác cán bộ', youtube: 'aqz-KE-bpKQ', poster: '/demo/images/video-poster.svg', published: '2018-05-11', duration: 634 },
  { title: 'Phú Lương đón nhận huân chương', src: '/tests/fixtures/khong-co.mp4', captions: '/tests/fixtures/captions-vi.vtt', duration: '14:48' },
]);

export const videoStates: State[] = [
  {
    name: 'YouTube facade with a poster',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" poster="/demo/images/video-poster.svg" heading="Hội nghị tổng kết"></egov-video>`);
      await inShadow(element, '[part="play-button"]');
      return element;
    },
  },
  {
    name: 'YouTube player after play',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" heading="Hội nghị tổng kết"></egov-video>`);
      await click(element, '[part="play-button"]');
      await inShadow(element, 'iframe');
      return element;
    },
  },
  {
    name: 'YouTube facade without poster or title',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ"></egov-video>`);
      await inShadow(element, '[part="play-button"]');
      return element;
    },
  },
  {
    name: 'file with captions',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} src="/tests/fixtures/khong-co.mp4" captions="/tests/fixtures/captions-vi.vtt" heading="Hội nghị"></egov-video>`);
      await inShadow(element, 'video track');
      return element;
    },
  },
  {
    name: 'file that failed',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} src="/demo/favicon.svg" heading="Hội nghị"></egov-video>`);
      await shadow(element).querySelector('video')!.play().catch(() => undefined);
      await inShadow(element, '[part="video-link"]');
      return element;
    },
  },
  {
    name: 'wrong YouTube id',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="khong-dung"></egov-video>`);
      await inShadow(element, '[part="video-link"]');
      return element;
    },
  },
  {
    name: 'playlist, second video chosen',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} playlist=${faultUrl('json', { ok: videosJson })}></egov-video>`);
      await click(element, '[part~="item"]:not([aria-current="true"])');
      await inShadow(element, 'video');
      return element;
    },
  },
  {
    name: 'playlist loading',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('slow', { ok: videosJson, delay: 5000 })}></egov-video>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'playlist error',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('502')}></egov-video>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];
