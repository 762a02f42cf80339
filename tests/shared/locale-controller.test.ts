import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { shadow } from '../support/helpers.js';

// The language is resolved once per update and kept: it must still follow every change of `lang`,
// including where the page-wide observer cannot see (inside another component's shadow root).
const placeholder = (element: EgovWebLinks) => shadow(element).querySelector('input')?.placeholder;
/** The widget's protected `language`, as its own handlers read it. */
const languageOf = (element: EgovWebLinks) => (element as unknown as { language: string }).language;

describe('language of a widget', () => {
  it('follows its own lang inside a shadow root, where the page-wide observer does not look', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="vi"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<egov-web-links><a href="https://chinhphu.vn">Chính phủ</a></egov-web-links>';
    const element = root.querySelector('egov-web-links') as EgovWebLinks;
    await element.updateComplete;
    expect(placeholder(element)).to.equal('-- Chọn liên kết --');
    // Read between updates, as an event handler does (read aloud, announcements): kept until an update ends.
    expect(languageOf(element)).to.equal('vi');
    element.setAttribute('lang', 'en');
    await waitUntil(() => placeholder(element) === '-- Choose a link --', 'stayed in Vietnamese', { timeout: 5000 });
    expect(languageOf(element)).to.equal('en');
    element.removeAttribute('lang');
    await waitUntil(() => placeholder(element) === '-- Chọn liên kết --', 'stayed in English', { timeout: 5000 });
  });

  it('follows an ancestor in the page, and its re-attachment under another language', async () => {
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <section lang="vi"><egov-web-links><a href="https://chinhphu.vn">Chính phủ</a></egov-web-links></section>
        <section lang="en"></section>
      </div>
    `);
    const [vietnamese, english] = page.querySelectorAll('section');
    const element = vietnamese!.querySelector('egov-web-links') as EgovWebLinks;
    await element.updateComplete;
    expect(placeholder(element)).to.equal('-- Chọn liên kết --');
    vietnamese!.setAttribute('lang', 'en');
    await waitUntil(() => placeholder(element) === '-- Choose a link --', 'stayed in Vietnamese', { timeout: 5000 });
    vietnamese!.setAttribute('lang', 'vi');
    await waitUntil(() => placeholder(element) === '-- Chọn liên kết --', 'stayed in English', { timeout: 5000 });
    english!.append(element);
    await waitUntil(() => placeholder(element) === '-- Choose a link --', 'kept the old language after moving', { timeout: 5000 });
  });

  it('every widget moved into a part of the page in another language speaks it at once, not at its next change', async () => {
    // A bilingual portal's script moving boxes (jQuery's appendTo) into its English column.
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <section lang="vi">
          <egov-poll></egov-poll>
          <egov-agency-footer site-name="HUYỆN PHÚ LƯƠNG" phone="02083874436"></egov-agency-footer>
          <egov-video></egov-video>
          <egov-banners><a href="https://chinhphu.vn"><img src="/demo/favicon.svg" alt="Chính phủ" width="30" height="10" /></a></egov-banners>
          <egov-web-links><a href="https://chinhphu.vn">Chính phủ</a></egov-web-links>
          <egov-article-view heading="Tin"><p>Nội dung bài viết.</p></egov-article-view>
        </section>
        <section lang="en"></section>
      </div>
    `);
    const [vietnamese, english] = page.querySelectorAll('section');
    /** The widget's language as shown: its wrapper's lang, or the article's reading time. */
    const shown = (element: Element) =>
      element.localName === 'egov-article-view'
        ? /min read/.test(shadow(element).querySelector('[part="reading-time"]')?.textContent ?? '') ? 'en' : 'vi'
        : shadow(element).querySelector('[lang]')?.getAttribute('lang');
    const widgets = [...vietnamese!.children];
    await Promise.all(widgets.map((element) => (element as EgovWebLinks).updateComplete));
    expect(widgets.map(shown)).to.deep.equal(widgets.map(() => 'vi'));
    english!.append(...widgets);
    const vietnameseStill = () => widgets.filter((element) => shown(element) !== 'en').map((element) => element.localName);
    await waitUntil(() => vietnameseStill().length === 0, 'still Vietnamese', { timeout: 5000 }).catch(() => undefined);
    expect(vietnameseStill()).to.deep.equal([]);
  });
});
