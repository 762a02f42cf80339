import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ArticleLoadDetail, EgovArticleView } from '../../src/article-view/article-view.js';
import {
  captureWarnings, demoArticleMarkup, faultUrl, inShadow, nextError, shadow, visibleText,
} from '../support/helpers.js';

const ARTICLE_URL = '/demo/data/articles/phu-luong-can-bo.json';
const TEXT_SIZE_KEY = 'egov-article-text-size';

interface ArticleJson {
  heading: string;
  published: string;
  author: string;
  summary: string;
  body: string;
}

const sample: ArticleJson = await (await fetch(ARTICLE_URL)).json();
const inlineSnippet = await demoArticleMarkup();

/** A short article, for tests where the text does not matter (it keeps the test URLs short). */
const small: ArticleJson = {
  heading: 'Huyện Phú Lương tổ chức hội nghị',
  published: '2018-05-11',
  author: 'Quang Sơn',
  summary: 'Tóm tắt.',
  body: '<p>Nội dung bài viết.</p>',
};

/** The sample article as the demo page embeds it: attributes and a light-DOM body. */
async function inlineSample(lang = 'vi'): Promise<EgovArticleView> {
  const wrapper = await fixture(`<div lang="${lang}">${inlineSnippet}</div>`);
  const element = wrapper.querySelector('egov-article-view') as EgovArticleView;
  await waitUntil(() => part(element, 'reading-time')?.textContent?.includes('6'), 'the body was never counted');
  return element;
}

/** An article loading `src`, with the events it fires, listened to from the start. */
async function remoteArticle(src: string, lang = 'vi') {
  const errors: string[] = [];
  const loads: ArticleLoadDetail[] = [];
  const element = await fixture<EgovArticleView>(html`
    <egov-article-view
      lang=${lang}
      src=${src}
      @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}
      @egov-article-load=${(event: CustomEvent<ArticleLoadDetail>) => loads.push(event.detail)}
    ></egov-article-view>
  `);
  return { element, errors, loads };
}

async function loadedRemote(src: string, lang = 'vi'): Promise<EgovArticleView> {
  const { element } = await remoteArticle(src, lang);
  await inShadow(element, '[part="body"]');
  return element;
}

function articleJsonUrl(article: Partial<ArticleJson>): string {
  return faultUrl('json', { ok: JSON.stringify({ ...small, ...article }) });
}

function part(element: Element, name: string): HTMLElement | null {
  return shadow(element).querySelector(`[part~="${name}"]`);
}

function tool(element: Element, name: string): HTMLButtonElement {
  const button = shadow(element).querySelector<HTMLButtonElement>(`[data-tool="${name}"]`);
  if (!button) throw new Error(`no ${name} tool`);
  return button;
}

async function press(element: EgovArticleView, name: string): Promise<void> {
  tool(element, name).click();
  await element.updateComplete;
}

function jsonLd(element: Element): Record<string, unknown> {
  const script = element.querySelector(':scope > script[type="application/ld+json"]');
  return JSON.parse(script?.textContent ?? 'null');
}

/** The body's paragraphs as shown: the slotted children inline, the shadow nodes from `src`. */
function bodyParagraphs(element: Element): HTMLElement[] {
  const slot = part(element, 'body')!.querySelector('slot');
  if (slot) return slot.assignedElements().filter((node): node is HTMLElement => node.localName === 'p');
  return [...part(element, 'body')!.querySelectorAll('p')];
}

function fontSize(node: Element): number {
  return parseFloat(getComputedStyle(node).fontSize);
}

/** Replaces own properties of an object for one test; `restore()` puts the originals back. */
function override<T extends object>(target: T, values: Record<string, unknown>): { restore(): void } {
  const saved = Object.keys(values).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const);
  for (const [key, value] of Object.entries(values)) Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return {
    restore() {
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(target, key, descriptor);
        else delete (target as Record<string, unknown>)[key];
      }
    },
  };
}

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
      expect(jsonLd(element)).to.deep.equal({
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
      expect(jsonLd(element!)).not.to.have.property('datePublished');
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
      const words = (count: number) => Array.from({ length: count }, () => 'chữ').join(' ');
      const short = await fixture(html`<egov-article-view heading="Tin"><p>Một câu.</p></egov-article-view>`);
      await waitUntil(() => part(short, 'reading-time'));
      expect(visibleText(part(short, 'reading-time'))).to.equal('Thời gian đọc: 1 phút');
      const long = await fixture(html`<egov-article-view lang="en" heading="Tin" summary=${words(100)}><p>${words(700)}</p></egov-article-view>`);
      await waitUntil(() => visibleText(part(long, 'reading-time')) === '4 min read', 'reading time of 800 words');
    });

    it('shows the byline only when there is an author', async () => {
      const element = await fixture(html`<egov-article-view heading="Tin"><p>Nội dung</p></egov-article-view>`);
      expect(part(element, 'byline')).to.equal(null);
    });
  });

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
      expect(jsonLd(element)).to.include({ '@type': 'NewsArticle', headline: sample.heading, inLanguage: 'vi' });
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
      expect(box.getAttribute('role')).to.equal('region');
      expect(box.tabIndex).to.equal(0);
      expect(box.scrollWidth).to.be.greaterThan(box.clientWidth);
      expect(element.getBoundingClientRect().width).to.be.at.most(320);
      expect(element.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
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

    it('gives up after 10 seconds without an answer', async function () {
      this.timeout(20_000);
      const element = await fixture(html`<egov-article-view lang="en" src=${faultUrl('stall')}></egov-article-view>`);
      const detail = await nextError(element);
      expect(detail.code).to.equal('timeout');
      const error = await inShadow(element, '[part="error"]');
      expect(visibleText(error)).to.include('did not answer within 10 seconds');
    });
  });

  describe('text size', () => {
    it('offers at least five sizes, disabling the buttons at both ends', async () => {
      const element = await inlineSample();
      const paragraph = bodyParagraphs(element)[0]!;
      const normal = fontSize(paragraph);
      const sizes = [normal];
      while (tool(element, 'larger').getAttribute('aria-disabled') !== 'true') {
        await press(element, 'larger');
        sizes.push(fontSize(paragraph));
      }
      for (let i = 1; i < sizes.length; i++) expect(sizes[i]).to.be.greaterThan(sizes[i - 1]!);
      await press(element, 'larger');
      expect(fontSize(paragraph)).to.equal(sizes.at(-1));
      await press(element, 'reset');
      expect(fontSize(paragraph)).to.equal(normal);
      expect(tool(element, 'reset').getAttribute('aria-disabled')).to.equal('true');
      while (tool(element, 'smaller').getAttribute('aria-disabled') !== 'true') {
        await press(element, 'smaller');
        sizes.unshift(fontSize(paragraph));
        expect(sizes[0]).to.be.lessThan(sizes[1]!);
      }
      await press(element, 'smaller');
      expect(fontSize(paragraph)).to.equal(sizes[0]);
      expect(sizes.length).to.be.at.least(5);
    });

    it('announces the new size', async () => {
      const element = await inlineSample();
      await press(element, 'larger');
      await waitUntil(() => visibleText(part(element, 'status')) === 'Cỡ chữ: 112,5%');
    });

    it('is remembered by the browser for the next article', async () => {
      const first = await inlineSample();
      await press(first, 'larger');
      await press(first, 'larger');
      const enlarged = fontSize(bodyParagraphs(first)[0]!);
      expect(localStorage.getItem(TEXT_SIZE_KEY)).to.equal('125');
      const next = await loadedRemote(ARTICLE_URL);
      expect(fontSize(bodyParagraphs(next)[0]!)).to.equal(enlarged);
      expect(tool(next, 'reset').getAttribute('aria-disabled')).to.equal('false');
    });

    it('ignores a stored size it does not offer', async () => {
      localStorage.setItem(TEXT_SIZE_KEY, '9000');
      const element = await inlineSample();
      expect(tool(element, 'reset').getAttribute('aria-disabled')).to.equal('true');
    });
  });

  describe('toolbar', () => {
    it('is one tab stop, moved through with the arrow keys, Home and End', async () => {
      const element = await inlineSample();
      const buttons = [...part(element, 'toolbar')!.querySelectorAll('button')];
      expect(buttons.filter((button) => button.tabIndex === 0)).to.have.length(1);
      buttons[0]!.focus();
      const focused = () => (shadow(element).activeElement as HTMLElement | null)?.dataset['tool'];
      await sendKeys({ press: 'ArrowRight' });
      expect(focused()).to.equal('reset');
      await sendKeys({ press: 'End' });
      expect(focused()).to.equal(buttons.at(-1)!.dataset['tool']);
      await sendKeys({ press: 'ArrowRight' });
      expect(focused()).to.equal('smaller');
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused()).to.equal(buttons.at(-1)!.dataset['tool']);
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await element.updateComplete;
      expect(tool(element, 'larger').tabIndex).to.equal(0);
      expect(tool(element, 'smaller').tabIndex).to.equal(-1);
    });

    it('keeps focus on a text size button when it reaches the end', async () => {
      const element = await inlineSample();
      tool(element, 'larger').focus();
      for (let i = 0; i < 8; i++) await sendKeys({ press: 'Enter' });
      expect(shadow(element).activeElement).to.equal(tool(element, 'larger'));
    });

    it('has buttons of at least 24 by 24 pixels', async () => {
      const element = await inlineSample();
      for (const button of part(element, 'toolbar')!.querySelectorAll('button')) {
        const box = button.getBoundingClientRect();
        expect(box.width).to.be.at.least(24);
        expect(box.height).to.be.at.least(24);
      }
    });
  });

  describe('print', () => {
    let printed = 0;
    let stub: { restore(): void };
    beforeEach(() => {
      printed = 0;
      // A real print dialog cannot run headless; everything up to it is real.
      stub = override(window, { print: () => printed++ });
    });
    afterEach(async () => {
      stub.restore();
      window.dispatchEvent(new Event('afterprint'));
      await emulateMedia({ media: 'screen' });
    });

    async function pageWithArticle() {
      const page = await fixture(html`
        <div>
          <nav id="menu"><a href="/">Trang chủ</a></nav>
          <main>
            <p id="breadcrumb">Tin tức</p>
            <egov-article-view heading="Tin" author="Quang Sơn"><p id="body">Nội dung bài.</p></egov-article-view>
            <aside id="ads">Quảng cáo</aside>
          </main>
        </div>
      `);
      return { page, element: page.querySelector('egov-article-view') as EgovArticleView };
    }

    const shown = (node: Element | null) => !!node && getComputedStyle(node).display !== 'none' && node.getBoundingClientRect().height > 0;

    it('prints the article alone, without the page around it or the toolbar', async () => {
      const { page, element } = await pageWithArticle();
      // Straight in <body>, beside the test's own fixture container: not an ancestor of the article.
      const outside = document.body.appendChild(document.createElement('p'));
      outside.textContent = 'Liên kết web';
      try {
        await press(element, 'print');
        expect(printed).to.equal(1);
        await emulateMedia({ media: 'print' });
        for (const id of ['menu', 'breadcrumb', 'ads']) expect(shown(page.querySelector(`#${id}`)), id).to.equal(false);
        expect(shown(outside), 'a page element outside the article\'s ancestors').to.equal(false);
        expect(shown(element)).to.equal(true);
        expect(shown(element.querySelector('#body'))).to.equal(true);
        expect(shown(part(element, 'heading'))).to.equal(true);
        expect(shown(part(element, 'byline'))).to.equal(true);
        expect(shown(part(element, 'toolbar'))).to.equal(false);
      } finally {
        outside.remove();
      }
    });

    it('gives the page back once printing is over', async () => {
      const { page, element } = await pageWithArticle();
      await press(element, 'print');
      window.dispatchEvent(new Event('afterprint'));
      await emulateMedia({ media: 'print' });
      expect(shown(page.querySelector('#menu'))).to.equal(true);
      expect(page.querySelector('[data-egov-print-path]')).to.equal(null);
      expect(document.adoptedStyleSheets).to.have.length(0);
    });

    it('leaves the screen untouched while printing', async () => {
      const { page, element } = await pageWithArticle();
      await press(element, 'print');
      expect(printed).to.equal(1);
      for (const id of ['menu', 'breadcrumb', 'ads']) expect(shown(page.querySelector(`#${id}`)), id).to.equal(true);
      expect(shown(part(element, 'toolbar'))).to.equal(true);
    });
  });

  describe('share', () => {
    let stubs: { restore(): void }[] = [];
    afterEach(() => {
      stubs.forEach((stub) => stub.restore());
      stubs = [];
    });

    it('uses the Web Share API where the browser has it', async () => {
      const shared: ShareData[] = [];
      stubs.push(override(navigator, { share: async (data: ShareData) => void shared.push(data) }));
      const element = await inlineSample();
      await press(element, 'share');
      await waitUntil(() => shared.length === 1);
      expect(shared[0]).to.deep.equal({ title: sample.heading, url: location.href });
      expect(visibleText(part(element, 'status'))).to.equal('');
    });

    it('does nothing more when the reader closes the share sheet', async () => {
      let copied = 0;
      let opened = 0;
      stubs.push(override(navigator, { share: async () => { opened++; throw new DOMException('closed', 'AbortError'); } }));
      stubs.push(override(navigator.clipboard, { writeText: async () => void copied++ }));
      const element = await inlineSample();
      await press(element, 'share');
      await waitUntil(() => opened === 1, 'the share sheet was never opened');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(copied).to.equal(0);
      expect(visibleText(part(element, 'status'))).to.equal('');
      expect(part(element, 'error')).to.equal(null);
    });

    it('copies the page address, with a visible confirmation, without the Web Share API', async () => {
      stubs.push(override(navigator, { share: undefined }));
      const copied: string[] = [];
      stubs.push(override(navigator.clipboard, { writeText: async (text: string) => void copied.push(text) }));
      const element = await inlineSample();
      await press(element, 'share');
      const status = part(element, 'status')!;
      await waitUntil(() => visibleText(status) === 'Đã sao chép liên kết', 'no confirmation');
      expect(copied).to.deep.equal([location.href]);
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('shows the address to copy by hand when the clipboard refuses', async () => {
      stubs.push(override(navigator, { share: undefined }));
      stubs.push(override(navigator.clipboard, { writeText: async () => { throw new DOMException('denied', 'NotAllowedError'); } }));
      const element = await inlineSample('en');
      await press(element, 'share');
      await waitUntil(() => visibleText(part(element, 'status')).includes(location.href), 'no fallback message');
      expect(visibleText(part(element, 'status'))).to.equal(`The link could not be copied. Address of the article: ${location.href}`);
    });
  });

  describe('read aloud', () => {
    let stubs: { restore(): void }[] = [];
    afterEach(() => {
      stubs.forEach((stub) => stub.restore());
      stubs = [];
    });

    function fakeSpeech() {
      const spoken: SpeechSynthesisUtterance[] = [];
      let cancelled = 0;
      stubs.push(override(speechSynthesis, {
        speak: (utterance: SpeechSynthesisUtterance) => spoken.push(utterance),
        cancel: () => cancelled++,
      }));
      return { spoken, cancelled: () => cancelled };
    }

    it('is hidden where the browser cannot speak', async () => {
      stubs.push(override(window, { speechSynthesis: undefined }));
      const element = await inlineSample();
      expect(shadow(element).querySelector('[data-tool="read"]')).to.equal(null);
      expect(shadow(element).querySelectorAll('[part~="tool"]')).to.have.length(5);
    });

    it('reads heading, summary and body in Vietnamese, and stops on a second press', async () => {
      const speech = fakeSpeech();
      const element = await inlineSample();
      const button = tool(element, 'read');
      expect(visibleText(button)).to.match(/Đọc bài$/);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      await press(element, 'read');
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      expect(button.title).to.equal('Dừng đọc');
      expect(speech.spoken.length).to.be.greaterThan(5);
      expect(speech.spoken.every((utterance) => utterance.lang === 'vi-VN')).to.equal(true);
      expect(speech.spoken[0]!.text).to.equal(sample.heading);
      const all = speech.spoken.map((utterance) => utterance.text).join(' ');
      expect(all).to.include('Ban tổ chức Huyện ủy tham mưu công tác cán bộ');
      expect(all).to.include('trong năm 2018 và những năm tiếp theo./.');
      expect(all).not.to.include('NewsArticle');
      const cancelledBefore = speech.cancelled();
      await press(element, 'read');
      expect(speech.cancelled()).to.equal(cancelledBefore + 1);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
    });

    it('reads a remote article in English with an English voice, and is unpressed when done', async () => {
      const speech = fakeSpeech();
      const element = await loadedRemote(articleJsonUrl({ summary: '', body: '<p>The district trained 239 officials.</p>' }), 'en');
      await press(element, 'read');
      expect(speech.spoken.map((utterance) => [utterance.text, utterance.lang])).to.deep.equal([
        [small.heading, 'en-GB'],
        ['The district trained 239 officials.', 'en-GB'],
      ]);
      speech.spoken.at(-1)!.dispatchEvent(new Event('end'));
      await element.updateComplete;
      expect(tool(element, 'read').getAttribute('aria-pressed')).to.equal('false');
    });

    it('stops speaking when the article leaves the page', async () => {
      const speech = fakeSpeech();
      const element = await inlineSample();
      await press(element, 'read');
      const before = speech.cancelled();
      element.remove();
      expect(speech.cancelled()).to.equal(before + 1);
    });
  });

  describe('layout', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('fits a phone screen without sideways scrolling', async () => {
      await setViewport({ width: 360, height: 740 });
      const element = await inlineSample();
      expect(element.scrollWidth).to.be.at.most(360);
      expect(part(element, 'toolbar')!.getBoundingClientRect().right).to.be.at.most(360);
    });
  });
});
