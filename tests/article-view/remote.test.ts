import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovArticleView, ArticleLoadDetail } from '../../src/article-view/article-view.js';
import { faultUrl, inShadow, jsonLd, visibleText, part, shadow } from '../support/helpers.js';
import {
  ARTICLE_URL, TEXT_SIZE_KEY, sample, small, remoteArticle, loadedRemote, articleJsonUrl, bodyParagraphs,
} from './harness.js';

describe('<egov-article-view>', () => {
  beforeEach(() => localStorage.removeItem(TEXT_SIZE_KEY));

  describe('from src', () => {
    it('renders the remote article and announces it', async () => {
      const { element, loads } = await remoteArticle(ARTICLE_URL);
      await waitUntil(() => loads.length > 0, 'no egov-article-load');
      expect(loads).to.deep.equal([{ heading: sample.heading, published: '2018-05-11' }]);
      expect(part(element, 'body')!.querySelectorAll('p')).to.have.length(4);
      expect(visibleText(part(element, 'heading'))).to.equal(sample.heading);
      expect(visibleText(part(element, 'date'))).to.equal('11/05/2018');
      expect(visibleText(part(element, 'reading-time'))).to.equal('Thời gian đọc: 6 phút');
      expect(part(element, 'summary')!.textContent).to.equal(sample.summary);
      expect(visibleText(part(element, 'byline'))).to.equal('Tin, bài: Quang Sơn');
      const paragraphs = bodyParagraphs(element);
      expect(paragraphs).to.have.length(4);
      expect(paragraphs[0]!.textContent).to.match(/^Đảng bộ huyện Phú Lương hiện có 61 tổ chức/);
      expect(await jsonLd(element)).to.include({ '@type': 'NewsArticle', headline: sample.heading, inLanguage: 'vi' });
    });

    it('keeps the body when the language changes, and loads a new src', async () => {
      const element = await loadedRemote(ARTICLE_URL);
      element.lang = 'en';
      await element.updateComplete;
      expect(visibleText(part(element, 'reading-time'))).to.equal('6 min read');
      expect(bodyParagraphs(element)).to.have.length(4);
      element.src = articleJsonUrl({ body: '<p>Bài thứ hai.</p>' });
      await waitUntil(() => visibleText(part(element, 'heading')) === small.heading, 'the new article never showed');
      expect(bodyParagraphs(element).map((p) => p.textContent)).to.deep.equal(['Bài thứ hai.']);
    });

    it('does not show its own children, which are only for readers without the script', async () => {
      const element = await fixture(html`<egov-article-view src=${ARTICLE_URL}><p>Xem bài tại trang gốc.</p></egov-article-view>`);
      await inShadow(element, '[part="body"]');
      expect(element.querySelector('p')!.getBoundingClientRect().height).to.equal(0);
    });

    it('opens links safely, lazy-loads images and lets tables scroll on a phone', async () => {
      const body = [
        '<p><a href="https://thainguyen.gov.vn/" target="_blank">Cổng tỉnh</a> và <a href="/lien-he" target="_top">Liên hệ</a></p>',
        '<img src="/nothing.png" alt="Ảnh hội nghị" width="1600" height="900">',
        `<table><tr>${'<td>Cán bộ cấp xã trình độ chuyên môn</td>'.repeat(8)}</tr></table>`,
      ].join('');
      const wrapper = await fixture(html`<div style="width: 320px"><egov-article-view src=${articleJsonUrl({ body })}></egov-article-view></div>`);
      const element = wrapper.firstElementChild as EgovArticleView;
      const content = await inShadow(element, '[part="body"]');
      const [external, local] = [...content.querySelectorAll('a')];
      expect(external!.rel).to.equal('noopener noreferrer');
      expect(external!.target).to.equal('_blank');
      expect(visibleText(external)).to.equal('Cổng tỉnh (mở trong thẻ mới)');
      expect(local!.rel).to.equal('noopener noreferrer');
      expect(local!.hasAttribute('target')).to.equal(false);
      const image = content.querySelector('img')!;
      expect(image.loading).to.equal('lazy');
      expect(image.getBoundingClientRect().width).to.be.at.most(320);
      const box = content.querySelector('.table-scroll') as HTMLElement;
      expect(box.firstElementChild!.localName).to.equal('table');
      // A region once the browser has laid it out and found it cut off.
      await waitUntil(() => box.hasAttribute('role'), 'the table box never became a region');
      expect(box.getAttribute('role')).to.equal('region');
      expect(box.tabIndex).to.equal(0);
      expect(box.scrollWidth).to.be.greaterThan(box.clientWidth);
      expect(element.getBoundingClientRect().width).to.be.at.most(320);
      expect(element.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
    });

    it('makes a table a named stop of the keyboard only while it is cut off and scrolls sideways', async () => {
      const narrow = '<table><caption>Lịch tiếp dân</caption><tr><td>Thứ Hai</td><td>Thứ Năm</td></tr></table>';
      const wide = `<table><tr>${'<td>Cán bộ cấp xã trình độ chuyên môn</td>'.repeat(8)}</tr></table>`;
      const wrapper = await fixture<HTMLElement>(html`<div style="width: 600px"><egov-article-view src=${articleJsonUrl({ body: narrow + wide })}></egov-article-view></div>`);
      const element = wrapper.firstElementChild as EgovArticleView;
      await inShadow(element, '[part="body"] .table-scroll');
      const stops = () =>
        [...shadow(element).querySelectorAll<HTMLElement>('.table-scroll')].map((box) =>
          box.getAttribute('role') === 'region' && box.tabIndex === 0 ? box.getAttribute('aria-label') : `${box.getAttribute('role')} ${box.getAttribute('tabindex')} ${box.getAttribute('aria-label')}`,
        );
      const settle = async (expected: unknown[]) => {
        await waitUntil(() => JSON.stringify(stops()) === JSON.stringify(expected), `tables: ${JSON.stringify(stops())}`, { timeout: 3000 });
        await expect(element).to.be.accessible();
      };
      await settle(['null null null', 'Bảng 2 trong số 2, cuộn ngang để xem hết']);
      wrapper.style.width = '60px';
      await settle(['Lịch tiếp dân — Bảng 1 trong số 2, cuộn ngang để xem hết', 'Bảng 2 trong số 2, cuộn ngang để xem hết']);
      wrapper.style.width = '600px';
      await settle(['null null null', 'Bảng 2 trong số 2, cuộn ngang để xem hết']);
      // Focused when it stops being cut off (the reader zoomed out): it stays the stop it was until the focus leaves.
      wrapper.style.width = '60px';
      await settle(['Lịch tiếp dân — Bảng 1 trong số 2, cuộn ngang để xem hết', 'Bảng 2 trong số 2, cuộn ngang để xem hết']);
      const first = shadow(element).querySelector<HTMLElement>('.table-scroll')!;
      first.focus();
      wrapper.style.width = '600px';
      await waitUntil(() => first.clientWidth >= first.scrollWidth, 'the first table still cut off');
      // Its size observed (resize observations are delivered before the next frame is painted).
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(stops()[0], 'still a stop while focused').to.equal('Lịch tiếp dân — Bảng 1 trong số 2, cuộn ngang để xem hết');
      expect(shadow(element).activeElement).to.equal(first);
      first.blur();
      await settle(['null null null', 'Bảng 2 trong số 2, cuộn ngang để xem hết']);
    });

    it('is accessible once loaded', async () => {
      const element = await loadedRemote(ARTICLE_URL);
      await expect(element).to.be.accessible();
    });

    it('shows an accessible loading state that reserves space', async () => {
      const { element } = await remoteArticle(faultUrl('slow', { ok: JSON.stringify(small), delay: 3000 }));
      const loading = await inShadow(element, '[part="loading"]');
      expect(visibleText(loading)).to.equal('Đang tải…');
      expect(element.getBoundingClientRect().height).to.be.greaterThan(300);
      await expect(element).to.be.accessible();
    });

    it('moves nothing under it when an article longer than the screen arrives late', async () => {
      let shift = 0;
      const shifts = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) shift += entry.value;
      });
      shifts.observe({ type: 'layout-shift' });
      // A phone's column: the article, then what the page has under it (the sidebar's boxes, the footer).
      const wrapper = await fixture<HTMLElement>(html`
        <div style="width: 360px">
          <egov-article-view src=${faultUrl('slow', { ok: JSON.stringify(sample), delay: 800 })}></egov-article-view>
          <p style="height: 200px; margin: 0">Liên kết web</p>
        </div>
      `);
      const element = wrapper.firstElementChild as EgovArticleView;
      await inShadow(element, '[part="body"]');
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      shifts.disconnect();
      expect(element.getBoundingClientRect().height, 'the article is longer than the screen').to.be.greaterThan(innerHeight);
      expect(shift).to.equal(0);
    });

    it('keeps its loading box as tall in any window, so a frame sized to its content does not grow without end', async () => {
      // What auto-height embeds do (iframe-resizer): the frame takes the page's height, which a
      // box as tall as the window (100vh) would make taller at each step.
      const { element } = await remoteArticle(faultUrl('slow', { ok: JSON.stringify(small), delay: 3000 }));
      await inShadow(element, '[part="loading"]');
      const heights = [];
      try {
        for (const height of [400, 1200]) {
          await setViewport({ width: 800, height });
          heights.push(element.getBoundingClientRect().height);
        }
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
      expect(heights[1]).to.equal(heights[0]);
      expect(heights[0]).to.be.greaterThan(400);
    });

    const shapes: [string, unknown][] = [
      ['an array', [small]],
      ['no body', { heading: 'Tin', published: '2018-05-11', author: 'Quang Sơn' }],
      ['a body that is not a string', { ...small, body: ['<p>x</p>'] }],
      ['a heading that is not a string', { ...small, heading: 42 }],
      ['a summary that is not a string', { ...small, summary: { text: 'x' } }],
    ];
    for (const [name, json] of shapes) {
      it(`explains JSON with ${name}`, async () => {
        const { element, errors } = await remoteArticle(faultUrl('json', { ok: JSON.stringify(json) }), 'en');
        const error = await inShadow(element, '[part="error"]');
        expect(errors).to.deep.equal(['shape']);
        expect(visibleText(error)).to.include('not in the expected format');
        expect(element.querySelector('script')).to.equal(null);
      });
    }

    it('reads only own fields, even when Object.prototype is polluted', async () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted['summary'] = 'Kẻ xấu';
      polluted['heading'] = 'Kẻ xấu';
      try {
        const loaded = await loadedRemote(faultUrl('json', { ok: JSON.stringify({ ...small, summary: undefined }) }));
        expect(part(loaded, 'summary')).to.equal(null);
        const { heading: _, ...headless } = small;
        const { element, errors } = await remoteArticle(faultUrl('json', { ok: JSON.stringify(headless) }));
        await inShadow(element, '[part="error"]');
        expect(errors).to.deep.equal(['shape']);
      } finally {
        delete polluted['summary'];
        delete polluted['heading'];
      }
    });
  });
});

// The labels the sanitizer adds to a remote body (the scrolling box of a table, the note on a link
// that opens a new tab) are in the reader's language, and follow it when the page switches. The
// page is narrow: a table is a named region only while it is cut off.

const article = {
  heading: 'Điểm chuẩn tuyển sinh lớp 10',
  published: '2018-05-11',
  author: 'Quang Sơn',
  summary: '',
  body: [
    '<p>Xem thêm tại <a href="https://thainguyen.gov.vn/" target="_blank">Cổng tỉnh</a>.</p>',
    '<table><caption>Điểm chuẩn</caption><tr><td>Trường THPT Phú Lương</td><td>32,5</td></tr></table>',
    '<table><tr><td>Trường THPT Yên Ninh</td><td>30,25</td></tr></table>',
  ].join(''),
};

// Two tables: each named apart, by its caption and by its place ("1 of 2", not "1/2", a date to a screen reader).
const VI = {
  table: 'Điểm chuẩn — Bảng 1 trong số 2, cuộn ngang để xem hết | Bảng 2 trong số 2, cuộn ngang để xem hết',
  link: 'Cổng tỉnh (mở trong thẻ mới)',
};
const EN = {
  table: 'Điểm chuẩn — Table 1 of 2, scroll sideways to see all of it | Table 2 of 2, scroll sideways to see all of it',
  link: 'Cổng tỉnh (opens in a new tab)',
};

function labels(element: EgovArticleView): { table: string; link: string } {
  const body = shadow(element).querySelector('[part="body"]');
  return {
    table: [...(body?.querySelectorAll('.table-scroll') ?? [])].map((box) => box.getAttribute('aria-label')).join(' | '),
    link: visibleText(body?.querySelector('a')),
  };
}

async function loaded(lang: string) {
  const loads: ArticleLoadDetail[] = [];
  const wrapper = await fixture(html`
    <div lang=${lang} style="width: 100px">
      <egov-article-view
        src=${faultUrl('json', { ok: JSON.stringify(article) })}
        @egov-article-load=${(event: CustomEvent<ArticleLoadDetail>) => loads.push(event.detail)}
      ></egov-article-view>
    </div>
  `);
  const element = wrapper.querySelector('egov-article-view') as EgovArticleView;
  await inShadow(element, '[part="body"] .table-scroll[role="region"]');
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
    await waitUntil(() => JSON.stringify(labels(element)) === JSON.stringify(VI), 'the labels stayed in English', { timeout: 5000 });
    expect(labels(element)).to.deep.equal(VI);
    element.lang = 'en';
    await waitUntil(() => JSON.stringify(labels(element)) === JSON.stringify(EN), 'the labels stayed in Vietnamese', { timeout: 5000 });
    expect(labels(element)).to.deep.equal(EN);
    expect(loads).to.deep.equal([{ heading: article.heading, published: article.published }]);
    const fetched = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/faults/json'));
    expect(fetched).to.have.length(1);
  });
});
