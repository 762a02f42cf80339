// The states of <egov-banners> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import { faultUrl } from '../../support/helpers.js';
import { type State, click, remoteStates, shownWhen } from '../a11y-sweep.js';

const bannersJson = JSON.stringify([
  { href: 'https://dichvucong.gov.vn', image: '/demo/images/banner-dich-vu-cong.svg', alt: 'Cổng Dịch vụ công quốc gia', width: 300, height: 100 },
  { href: 'https://chinhphu.vn', image: '/demo/images/banner-chinh-phu.svg', alt: 'Cổng Thông tin điện tử Chính phủ' },
]);

export const bannerStates: State[] = [
  shownWhen('stack', (lang) => html`<egov-banners lang=${lang} src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`, '[part="list"]'),
  shownWhen('rotating', (lang) => html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`, '[part="pause-button"]'),
  {
    name: 'paused on the second banner',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await click(element, '[part="pause-button"]');
      await click(element, '[part="next-button"]');
      return element;
    },
  },
  ...remoteStates((lang, url) => html`<egov-banners lang=${lang} src=${url}></egov-banners>`, { ok: bannersJson, failure: 'truncated' }),
];
