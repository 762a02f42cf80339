import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovArticleView } from '../../src/article-view/article-view.js';
import { visibleText, part, override } from '../support/helpers.js';
import { TEXT_SIZE_KEY, sample, inlineSample, press } from './harness.js';

describe('<egov-article-view>', () => {
  beforeEach(() => localStorage.removeItem(TEXT_SIZE_KEY));

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
});
