// The states of <egov-article-view> that the accessibility sweep (../a11y.test.ts) checks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { demoArticleMarkup, faultUrl, inShadow, override, part, visibleText } from '../../support/helpers.js';
import { type Lang, type State, click, remoteStates, stubs, shownWhen } from '../a11y-sweep.js';

const inlineSnippet = await demoArticleMarkup();

async function inlineArticle(lang: Lang): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const wrapper = await fixture(`<div lang="${lang}">${inlineSnippet}</div>`);
  const element = wrapper.querySelector('egov-article-view')!;
  await inShadow(element, '[part="toolbar"]');
  await element.updateComplete;
  return element;
}

/** A remote article with what sanitized bodies carry: a link to a new tab, two tables, an image. */
const richArticle = JSON.stringify({
  heading: 'Huyện Phú Lương tổ chức hội nghị cán bộ',
  published: '2018-05-11T08:30:00+07:00',
  author: 'Quang Sơn',
  summary: 'Hội nghị tổng kết công tác cán bộ năm 2018.',
  body: [
    '<p>Theo <a href="https://phuluong.thainguyen.gov.vn/van-ban" target="_blank">kế hoạch của Huyện ủy</a>, hội nghị diễn ra trong một ngày.</p>',
    '<figure><img src="/demo/favicon.svg" alt="Toàn cảnh hội nghị" width="320" height="180"><figcaption>Toàn cảnh hội nghị</figcaption></figure>',
    '<table><caption>Trình độ chuyên môn</caption><tr><th scope="col">Trình độ</th><th scope="col">Số người</th></tr><tr><td>Thạc sỹ</td><td>18</td></tr></table>',
    '<table><caption>Lý luận chính trị</caption><tr><th scope="col">Trình độ</th><th scope="col">Số người</th></tr><tr><td>Cao cấp</td><td>41</td></tr></table>',
  ].join(''),
});

export const articleStates: State[] = [
  { name: 'inline', render: inlineArticle },
  shownWhen('remote, loaded', (lang) => html`<egov-article-view lang=${lang} src=${faultUrl('json', { ok: richArticle })}></egov-article-view>`, '[part="body"] table'),
  ...remoteStates((lang, url) => html`<egov-article-view lang=${lang} src=${url}></egov-article-view>`, { ok: richArticle, failure: '503' }),
  {
    name: 'text size at its largest',
    async render(lang) {
      const element = await inlineArticle(lang);
      const larger = part(element, 'toolbar')!.querySelector<HTMLButtonElement>('[data-tool="larger"]')!;
      for (let press = 0; press < 8 && larger.getAttribute('aria-disabled') !== 'true'; press++) {
        larger.click();
        await element.updateComplete;
      }
      expect(larger.getAttribute('aria-disabled')).to.equal('true');
      await waitUntil(() => visibleText(part(element, 'status')).includes('175'), 'the size was not announced');
      return element;
    },
  },
  {
    name: 'share: link copied',
    async render(lang) {
      stubs.push(override(navigator, { share: undefined }));
      stubs.push(override(navigator.clipboard, { writeText: async () => undefined }));
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="share"]');
      const copied = lang === 'vi' ? 'Đã sao chép liên kết' : 'Link copied';
      await waitUntil(() => visibleText(part(element, 'status')) === copied, 'no confirmation');
      return element;
    },
  },
  {
    name: 'share: copying refused, address shown',
    async render(lang) {
      stubs.push(override(navigator, { share: undefined }));
      stubs.push(override(navigator.clipboard, { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }));
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="share"]');
      await waitUntil(() => visibleText(part(element, 'status')).includes(location.href), 'no address');
      return element;
    },
  },
  {
    name: 'reading aloud',
    async render(lang) {
      // Headless Chromium has no voices: the synthesizer is replaced, the widget is real.
      stubs.push(override(speechSynthesis, { speak: () => undefined, cancel: () => undefined }));
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="read"]');
      expect(part(element, 'toolbar')!.querySelector('[data-tool="read"]')!.getAttribute('aria-pressed')).to.equal('true');
      return element;
    },
  },
];
