// The states of <egov-video> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import { faultUrl, inShadow, shadow } from '../../support/helpers.js';
import { type State, click, remoteStates, shownWhen } from '../a11y-sweep.js';

const videosJson = JSON.stringify([
  { title: 'Hội nghị tổng kết công tác cán bộ', youtube: 'aqz-KE-bpKQ', poster: '/demo/images/video-poster.svg', published: '2018-05-11', duration: 634 },
  { title: 'Phú Lương đón nhận huân chương', src: '/tests/fixtures/khong-co.mp4', captions: '/tests/fixtures/captions-vi.vtt', duration: '14:48' },
]);

export const videoStates: State[] = [
  shownWhen('YouTube facade with a poster', (lang) => html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" poster="/demo/images/video-poster.svg" heading="Hội nghị tổng kết"></egov-video>`, '[part="play-button"]'),
  {
    name: 'YouTube player after play',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" heading="Hội nghị tổng kết"></egov-video>`);
      await click(element, '[part="play-button"]');
      await inShadow(element, 'iframe');
      return element;
    },
  },
  shownWhen('YouTube facade without poster or title', (lang) => html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ"></egov-video>`, '[part="play-button"]'),
  shownWhen('file with captions', (lang) => html`<egov-video lang=${lang} src="/tests/fixtures/khong-co.mp4" captions="/tests/fixtures/captions-vi.vtt" heading="Hội nghị"></egov-video>`, 'video track'),
  {
    name: 'file that failed',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} src="/demo/favicon.svg" heading="Hội nghị"></egov-video>`);
      await shadow(element).querySelector('video')!.play().catch(() => undefined);
      await inShadow(element, '[part="video-link"]');
      return element;
    },
  },
  shownWhen('wrong YouTube id', (lang) => html`<egov-video lang=${lang} youtube="khong-dung"></egov-video>`, '[part="video-link"]'),
  {
    name: 'playlist, second video chosen',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} playlist=${faultUrl('json', { ok: videosJson })}></egov-video>`);
      await click(element, '[part~="item"]:not([aria-current="true"])');
      await inShadow(element, 'video');
      return element;
    },
  },
  ...remoteStates((lang, url) => html`<egov-video lang=${lang} playlist=${url}></egov-video>`, { ok: videosJson, failure: '502', prefix: 'playlist ' }),
];
