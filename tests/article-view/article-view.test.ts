import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovArticleView } from '../../src/article-view/article-view.js';
import { captureWarnings, shadow, visibleText, part } from '../support/helpers.js';
import { ARTICLE_URL, TEXT_SIZE_KEY, sample, inlineSample, loadedRemote, tool, bodyParagraphs } from './harness.js';
import { jsonLd, jsonLdScript } from '../support/helpers.js';

/** `count` words of Vietnamese text. */
const words = (count: number) => Array.from({ length: count }, () => 'chữ').join(' ');

describe('<egov-article-view>', () => {
  beforeEach(() => localStorage.removeItem(TEXT_SIZE_KEY));

  describe('inline, with the sample article', () => {
    it('shows heading, date, reading time, summary, body and byline in Vietnamese', async () => {
      const element = await inlineSample();
      expect(visibleText(shadow(element).querySelector('h1'))).to.equal(sample.heading);
      const time = part(element, 'date') as HTMLTimeElement;
      expect(time.localName).to.equal('time');
      expect(time.dateTime).to.equal('2018-05-11');
      expect(visibleText(time)).to.equal('11/05/2018');
      expect(visibleText(part(element, 'reading-time'))).to.equal('Thời gian đọc: 6 phút');
      expect(part(element, 'summary')!.textContent).to.equal(sample.summary);
      expect(bodyParagraphs(element)).to.have.length(4);
      const byline = part(element, 'byline')!;
      expect(visibleText(byline)).to.equal('Tin, bài: Quang Sơn');
      const article = part(element, 'article')!;
      expect(article.lastElementChild).to.equal(byline);
    });

    it('keeps the body in the light DOM, where the page and search engines see it', async () => {
      const element = await inlineSample();
      const paragraphs = bodyParagraphs(element);
      expect(paragraphs.every((p) => p.parentElement === element)).to.equal(true);
      expect(paragraphs.every((p) => p.getBoundingClientRect().height > 0)).to.equal(true);
      expect(element.querySelector('figcaption')!.textContent).to.equal('Ban tổ chức Huyện ủy tham mưu công tác cán bộ');
    });

    it('hides the no-script fallback once upgraded', async () => {
      const element = await inlineSample();
      const fallback = [...element.querySelectorAll('[slot="fallback"]')];
      expect(fallback).to.have.length(4);
      expect(fallback.every((node) => node.getBoundingClientRect().height === 0)).to.equal(true);
    });

    it('speaks English when asked', async () => {
      const element = await inlineSample('en');
      expect(visibleText(part(element, 'date'))).to.equal('11 May 2018');
      expect(visibleText(part(element, 'reading-time'))).to.equal('6 min read');
      expect(visibleText(part(element, 'byline'))).to.equal('Story: Quang Sơn');
      expect(part(element, 'toolbar')!.getAttribute('aria-label')).to.equal('Reading tools');
      expect(visibleText(tool(element, 'print'))).to.equal('Print');
    });

    it('holds exactly the text of the JSON article', async () => {
      const element = await inlineSample();
      const remote = await loadedRemote(ARTICLE_URL);
      expect(element.heading).to.equal(sample.heading);
      expect(element.summary).to.equal(sample.summary);
      expect(bodyParagraphs(element).map((p) => p.textContent)).to.deep.equal(bodyParagraphs(remote).map((p) => p.textContent));
    });

    it('describes itself as a schema.org NewsArticle in the light DOM', async () => {
      const element = await inlineSample();
      expect(await jsonLd(element)).to.deep.equal({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: sample.heading,
        datePublished: '2018-05-11',
        author: { '@type': 'Person', name: 'Quang Sơn' },
        description: sample.summary,
        inLanguage: 'vi',
        wordCount: 1140,
      });
    });

    it('keeps its JSON-LD in step with the article, writing it once the page is idle', async () => {
      const element = await fixture<EgovArticleView>(html`<egov-article-view heading="Tin"><p>Một câu.</p></egov-article-view>`);
      expect(await jsonLd(element)).to.include({ headline: 'Tin', wordCount: 2 });
      element.heading = 'Tin mới';
      await waitUntil(() => jsonLdScript(element)?.textContent?.includes('Tin mới'), 'the new heading never reached the JSON-LD');
      expect(element.querySelectorAll('script')).to.have.length(1);
      element.heading = '';
      await waitUntil(() => !jsonLdScript(element), 'an article without a heading kept its JSON-LD');
    });

    it('is accessible', async () => {
      const element = await inlineSample();
      await expect(element).to.be.accessible();
    });
  });

  describe('heading, date and reading time', () => {
    it('renders the heading at heading-level, and at level 1 for anything invalid', async () => {
      const levels: [string, string][] = [['3', 'h3'], ['6', 'h6'], ['1', 'h1'], ['0', 'h1'], ['7', 'h1'], ['abc', 'h1'], ['2.5', 'h1']];
      for (const [level, tag] of levels) {
        const element = await fixture(html`<egov-article-view heading="Tin" heading-level=${level}></egov-article-view>`);
        expect(part(element, 'heading')!.localName, `heading-level="${level}"`).to.equal(tag);
      }
    });

    it('shows a date-time as the date, keeping the exact value in datetime', async () => {
      const element = await fixture(html`<egov-article-view lang="en" heading="Tin" published="2018-05-11T09:30:00+07:00"></egov-article-view>`);
      const time = part(element, 'date') as HTMLTimeElement;
      expect(time.dateTime).to.equal('2018-05-11T09:30:00+07:00');
      expect(visibleText(time)).to.equal('11 May 2018');
    });

    it('leaves out a date that is not ISO 8601, with one warning', async () => {
      let element: EgovArticleView | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovArticleView>(html`<egov-article-view heading="Tin" published="11/05/2018"></egov-article-view>`);
        element.requestUpdate();
        await element.updateComplete;
      });
      expect(part(element!, 'date')).to.equal(null);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('11/05/2018');
      expect(await jsonLd(element!)).not.to.have.property('datePublished');
    });

    it('refuses dates that do not exist', async () => {
      let element: Element | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture(html`<egov-article-view heading="Tin" published="2018-02-31"></egov-article-view>`);
      });
      expect(part(element!, 'date')).to.equal(null);
      expect(warnings).to.have.length(1);
    });

    it('estimates at least one minute, and one minute per 200 words', async () => {
      const short = await fixture(html`<egov-article-view heading="Tin"><p>Một câu.</p></egov-article-view>`);
      await waitUntil(() => part(short, 'reading-time'));
      expect(visibleText(part(short, 'reading-time'))).to.equal('Thời gian đọc: 1 phút');
      const long = await fixture(html`<egov-article-view lang="en" heading="Tin" summary=${words(100)}><p>${words(700)}</p></egov-article-view>`);
      await waitUntil(() => visibleText(part(long, 'reading-time')) === '4 min read', 'reading time of 800 words');
    });

    it('shows the reading time of the whole body from its first render on, never a wrong one first', async () => {
      const element = document.createElement('egov-article-view');
      element.lang = 'en';
      element.heading = 'Tin';
      element.summary = words(100);
      element.append(Object.assign(document.createElement('p'), { textContent: words(700) }));
      document.body.append(element);
      // The shadow root is there on connection; the first render comes after.
      const shown: string[] = [];
      const observer = new MutationObserver(() => {
        const text = visibleText(part(element, 'reading-time'));
        if (text && shown.at(-1) !== text) shown.push(text);
      });
      observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
      try {
        await element.updateComplete;
        await nextFrame();
        await nextFrame();
      } finally {
        observer.disconnect();
        element.remove();
      }
      expect(shown).to.deep.equal(['4 min read']);
    });

    it('counts the body again when its paragraphs change', async () => {
      const element = await fixture(html`<egov-article-view lang="en" heading="Tin"><p>${words(700)}</p></egov-article-view>`);
      expect(visibleText(part(element, 'reading-time'))).to.equal('4 min read');
      element.append(Object.assign(document.createElement('p'), { textContent: words(300) }));
      await waitUntil(() => visibleText(part(element, 'reading-time')) === '5 min read', 'reading time of 1,000 words');
      element.querySelector('p')!.remove();
      await waitUntil(() => visibleText(part(element, 'reading-time')) === '2 min read', 'reading time of 300 words');
      element.querySelector('p')!.slot = 'fallback';
      await waitUntil(() => visibleText(part(element, 'reading-time')) === '1 min read', 'reading time of no body');
    });

    it('shows the byline only when there is an author', async () => {
      const element = await fixture(html`<egov-article-view heading="Tin"><p>Nội dung</p></egov-article-view>`);
      expect(part(element, 'byline')).to.equal(null);
    });
  });

  describe('layout', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('throws nothing into the page when the CMS body names an image after the document\'s stylesheets (DOM clobbering)', async () => {
      const errors: string[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.message);
      window.addEventListener('error', onError);
      try {
        // `<img name>` in a document shadows the document's own property of that name.
        const element = await fixture<EgovArticleView>(html`
          <egov-article-view heading="Ảnh"><p><img name="adoptedStyleSheets" alt="Ảnh" /></p></egov-article-view>
        `);
        await element.updateComplete;
        expect(visibleText(part(element, 'heading'))).to.equal('Ảnh');
        expect(String(document.adoptedStyleSheets)).to.equal('[object HTMLImageElement]');
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(errors).to.deep.equal([]);
    });

    it('keeps a CMS body’s nested images, figures, frames and tables within a phone’s width', async () => {
      await setViewport({ width: 320, height: 640 });
      const element = await fixture(html`
        <egov-article-view heading="Điểm chuẩn">
          <p>Ảnh: <img src="/demo/favicon.svg" alt="Ảnh" width="800" height="400" /></p>
          <figure><img src="/demo/favicon.svg" alt="Hình" width="1200" height="600" /><figcaption>Hình 1</figcaption></figure>
          <p><iframe title="Bản đồ" width="560" height="315" src="about:blank"></iframe></p>
          <div><table><tr>${[...Array(10).keys()].map((index) => html`<td>Trường&nbsp;THPT&nbsp;số&nbsp;${index + 1}</td>`)}</tr></table></div>
        </egov-article-view>
      `);
      const wide = [...element.querySelectorAll('img, iframe, table')].filter((box) => box.getBoundingClientRect().right > 320.5);
      expect(wide.map((box) => box.localName), 'wider than the phone').to.deep.equal([]);
      expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(320);
      // An image keeps its proportions as it shrinks.
      const image = element.querySelector('p img')!.getBoundingClientRect();
      expect(Math.abs(image.width / image.height - 2) < 0.05, 'the image’s proportions').to.equal(true);
    });

    it('leaves a body’s own sizes alone where nothing overflows: a full-width table, an icon sized by its height', async () => {
      const element = await fixture(html`
        <egov-article-view heading="Điểm chuẩn">
          <p>Tải về <img src="/demo/favicon.svg" alt="PDF" height="16" /></p>
          <div><table style="width: 100%"><tr><td>Trường THPT Phú Lương</td><td>32,5</td></tr></table></div>
        </egov-article-view>
      `);
      expect(element.querySelector('img')!.getBoundingClientRect().height).to.equal(16);
      const table = element.querySelector('table')!;
      const row = table.querySelector('tr')!.getBoundingClientRect().width;
      // All of it but the table's own border spacing (2 px each side).
      const box = table.parentElement!.getBoundingClientRect().width;
      expect(row >= box - 4.5, `the row is ${row} px wide in a ${box} px box`).to.equal(true);
    });

    it('fits a phone screen without sideways scrolling', async () => {
      await setViewport({ width: 360, height: 740 });
      const element = await inlineSample();
      expect(element.scrollWidth).to.be.at.most(360);
      expect(part(element, 'toolbar')!.getBoundingClientRect().right).to.be.at.most(360);
    });
  });
});
