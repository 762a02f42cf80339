// The states of <egov-banners> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import { faultUrl, inShadow } from '../../support/helpers.js';
import { type State, click } from '../a11y-sweep.js';

const bannersJson = JSON.stringify([
  { href: 'https://dichvucong.gov.vn', image: '/demo/images/banner-dich-vu-cong.svg', alt: 'Cổng Dịch vụ công quốc gia', width: 300, height: 100 },
  { href: 'https://chinhphu.vn', image: '/demo/images/banner-chinh-phu.svg', alt: 'Cổng Thông tin điện tử Chính phủ' },
]);

export const bannerStates: State[] = [
  {
    name: 'stack',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await inShadow(element, '[part="list"]');
      return element;
    },
  },
  {
    name: 'rotating',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await inShadow(element, '[part="pause-button"]');
      return element;
    },
  },
  {
    name: 'paused on the second banner',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await click(element, '[part="pause-button"]');
      await click(element, '[part="next-button"]');
      return element;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('slow', { ok: bannersJson, delay: 5000 })}></egov-banners>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('truncated')}></egov-banners>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];
