import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovErrorDetail } from '../../src/shared/egov-element.js';
import { faultUrl, inShadow, shadow, visibleText } from '../support/helpers.js';

// Every widget that loads remote data, as the hardening tests drive it (faults.test.ts,
// timeout.test.ts): one row per widget. A new widget that loads data gets a row here.

export type Lang = 'vi' | 'en';

export interface Widget {
  tag: string;
  /** The address the widget loads: `kind` fails once for `key`, then the endpoint answers. `base` is '' or another origin. */
  url(base: string, kind: string, key: string): string;
  create(url: string, lang: Lang, errors: EgovErrorDetail[]): Promise<HTMLElement>;
  /** Resolves once the widget shows the data the recovered endpoint sent. */
  loaded(element: HTMLElement): Promise<void>;
}

/** `/faults/<kind>?key&times=1&ok`: `kind` once, then `ok`. */
function onceThen(ok: unknown) {
  return (base: string, kind: string, key: string) => base + faultUrl(kind, { key, times: 1, ok: JSON.stringify(ok) });
}

const errorListener = (errors: EgovErrorDetail[]) => (event: CustomEvent<EgovErrorDetail>) => errors.push(event.detail);

const footer = { siteName: 'Huyện Phú Lương tỉnh Thái Nguyên', agency: 'UBND huyện Phú Lương', phone: '0208 3874 321' };
const links = [{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn', group: 'Trung ương' }];
const playlist = [
  { title: 'Hội nghị tổng kết công tác cán bộ', youtube: 'aqz-KE-bpKQ' },
  { title: 'Phú Lương đón nhận huân chương', youtube: 'eRsGyueVLvQ' },
];
const banners = [{ href: 'https://dichvucong.gov.vn', image: '/demo/images/banner-dich-vu-cong.svg', alt: 'Cổng Dịch vụ công quốc gia' }];
const article = {
  heading: 'Huyện Phú Lương tổ chức hội nghị',
  published: '2018-05-11',
  author: 'Quang Sơn',
  body: '<p>Nội dung bài viết.</p>',
};

export const WIDGETS: Widget[] = [
  {
    tag: 'egov-agency-footer',
    url: onceThen(footer),
    create: (url, lang, errors) =>
      fixture(html`<egov-agency-footer lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-agency-footer>`),
    async loaded(element) {
      const copyright = await inShadow(element, '[part="copyright"]');
      expect(visibleText(copyright)).to.include('UBND huyện Phú Lương');
      expect(visibleText(shadow(element).querySelector('[part="site-name"]'))).to.equal(footer.siteName);
    },
  },
  {
    tag: 'egov-web-links',
    url: onceThen(links),
    create: (url, lang, errors) =>
      fixture(html`<egov-web-links lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-web-links>`),
    async loaded(element) {
      await inShadow(element, 'input[role="combobox"]');
      shadow(element).querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
      const option = await inShadow(element, '[role="option"] .option-label');
      expect(visibleText(option)).to.equal('Cổng Thông tin điện tử Chính phủ');
    },
  },
  {
    tag: 'egov-article-view',
    url: onceThen(article),
    create: (url, lang, errors) =>
      fixture(html`<egov-article-view lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-article-view>`),
    async loaded(element) {
      const heading = await inShadow(element, '[part="heading"]');
      expect(visibleText(heading)).to.equal(article.heading);
      expect(visibleText(shadow(element).querySelector('[part="body"]'))).to.equal('Nội dung bài viết.');
    },
  },
  {
    tag: 'egov-poll',
    // The faulty endpoint's proxy to the reference server: `kind` on the first load, then a poll of its own.
    url: (base, kind, key) => `${base}/faults/poll/${kind}/load/${kind === 'json' ? 0 : 1}/${key}`,
    create: (url, lang, errors) =>
      fixture(html`<egov-poll lang=${lang} endpoint=${url} poll-id="own" @egov-error=${errorListener(errors)}></egov-poll>`),
    async loaded(element) {
      const legend = await inShadow(element, 'form legend');
      expect(visibleText(legend)).to.equal('Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      expect(shadow(element).querySelectorAll('input[type="radio"]')).to.have.length(3);
    },
  },
  {
    tag: 'egov-video',
    url: onceThen(playlist),
    create: (url, lang, errors) =>
      fixture(html`<egov-video lang=${lang} playlist=${url} @egov-error=${errorListener(errors)}></egov-video>`),
    async loaded(element) {
      await inShadow(element, '[part~="item"]');
      const items = [...shadow(element).querySelectorAll('[part~="item"]')].map((item) => visibleText(item));
      expect(items).to.have.length(2);
      expect(items[0]).to.include('Hội nghị tổng kết công tác cán bộ');
    },
  },
  {
    tag: 'egov-banners',
    url: onceThen(banners),
    create: (url, lang, errors) =>
      fixture(html`<egov-banners lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-banners>`),
    async loaded(element) {
      const image = await inShadow(element, '[part="image"]');
      expect(image.getAttribute('alt')).to.equal('Cổng Dịch vụ công quốc gia');
      expect(shadow(element).querySelector('[part="link"]')!.getAttribute('href')).to.equal('https://dichvucong.gov.vn/');
    },
  },
];
