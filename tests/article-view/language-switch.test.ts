import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ArticleLoadDetail, EgovArticleView } from '../../src/article-view/article-view.js';
import { faultUrl, inShadow, shadow, visibleText } from '../support/helpers.js';

// The labels the sanitizer adds to a remote body (the scrolling box of a table, the note on a link
// that opens a new tab) are in the reader's language, and follow it when the page switches.

const article = {
  heading: 'Điểm chuẩn tuyển sinh lớp 10',
  published: '2018-05-11',
  author: 'Quang Sơn',
  summary: '',
  body: [
    '<p>Xem thêm tại <a href="https://thainguyen.gov.vn/" target="_blank">Cổng tỉnh</a>.</p>',
    '<table><caption>Điểm chuẩn</caption><tr><td>Trường THPT Phú Lương</td><td>32,5</td></tr></table>',
  ].join(''),
};

const VI = { table: 'Điểm chuẩn — Bảng, cuộn ngang để xem hết', link: 'Cổng tỉnh (mở trong thẻ mới)' };
const EN = { table: 'Điểm chuẩn — Table, scroll sideways to see all of it', link: 'Cổng tỉnh (opens in a new tab)' };

function labels(element: EgovArticleView): { table: string; link: string } {
  const body = shadow(element).querySelector('[part="body"]');
  return {
    table: body?.querySelector('.table-scroll')?.getAttribute('aria-label') ?? '',
    link: visibleText(body?.querySelector('a')),
  };
}

async function loaded(lang: string) {
  const loads: ArticleLoadDetail[] = [];
  const wrapper = await fixture(html`
    <div lang=${lang}>
      <egov-article-view
        src=${faultUrl('json', { ok: JSON.stringify(article) })}
        @egov-article-load=${(event: CustomEvent<ArticleLoadDetail>) => loads.push(event.detail)}
      ></egov-article-view>
    </div>
  `);
  const element = wrapper.querySelector('egov-article-view') as EgovArticleView;
  await inShadow(element, '[part="body"] .table-scroll');
  return { wrapper, element, loads };
}

describe('<egov-article-view> after a language switch', () => {
  it('labels the tables and new-tab links of a loaded body in the new language', async () => {
    const { wrapper, element } = await loaded('vi');
    expect(labels(element)).to.deep.equal(VI);
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => labels(element).table === EN.table, 'the table label stayed in Vietnamese', { timeout: 5000 });
    expect(labels(element)).to.deep.equal(EN);
    expect(visibleText(shadow(element).querySelector('[part="reading-time"]'))).to.equal('1 min read');
  });

  it('follows its own lang back and forth without loading the article again', async () => {
    performance.clearResourceTimings();
    const { element, loads } = await loaded('en');
    expect(labels(element)).to.deep.equal(EN);
    element.lang = 'vi';
    await waitUntil(() => labels(element).link === VI.link, 'the link note stayed in English', { timeout: 5000 });
    expect(labels(element)).to.deep.equal(VI);
    element.lang = 'en';
    await waitUntil(() => labels(element).link === EN.link, 'the link note stayed in Vietnamese', { timeout: 5000 });
    expect(labels(element)).to.deep.equal(EN);
    expect(loads).to.deep.equal([{ heading: article.heading, published: article.published }]);
    const fetched = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/faults/json'));
    expect(fetched).to.have.length(1);
  });
});
