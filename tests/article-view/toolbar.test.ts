import { expect, waitUntil, fixture, html } from '@open-wc/testing';
import { sendKeys, emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import { shadow, visibleText, part, override } from '../support/helpers.js';
import {
  ARTICLE_URL, TEXT_SIZE_KEY, inlineSample, loadedRemote, tool, press, bodyParagraphs, fontSize, sample, small, articleJsonUrl,
} from './harness.js';
import type { EgovArticleView } from '../../src/article-view/article-view.js';

describe('<egov-article-view>', () => {
  beforeEach(() => localStorage.removeItem(TEXT_SIZE_KEY));

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

    it('names each button once: an icon button by its tooltip alone, a text button by its text, with no tooltip that repeats it', async () => {
      const element = await inlineSample();
      // A tooltip the name already says is read again as a description (JAWS, NVDA): "Giảm cỡ chữ, nút, Giảm cỡ chữ".
      const spoken = (button: HTMLButtonElement) =>
        [...button.childNodes]
          .filter((node) => node instanceof Text || (node instanceof Element && node.getAttribute('aria-hidden') !== 'true'))
          .map(visibleText)
          .join(' ')
          .trim();
      const said = (button: HTMLButtonElement) => ({ title: button.title, text: spoken(button) });
      expect(said(tool(element, 'smaller'))).to.deep.equal({ title: 'Giảm cỡ chữ', text: '' });
      expect(said(tool(element, 'reset'))).to.deep.equal({ title: 'Cỡ chữ mặc định', text: '' });
      expect(said(tool(element, 'larger'))).to.deep.equal({ title: 'Tăng cỡ chữ', text: '' });
      expect(said(tool(element, 'print'))).to.deep.equal({ title: '', text: 'In bài' });
      if (shadow(element).querySelector('[data-tool="read"]')) expect(said(tool(element, 'read'))).to.deep.equal({ title: '', text: 'Đọc bài' });
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

    it('prints the whole article from a modal, a scrolling box or a column, not one box of it', async () => {
      // Bootstrap's modal (fixed, the page's body kept from scrolling) holding a scrolling panel in a column.
      const page = await fixture(html`
        <div style="position: fixed; inset: 0; overflow-y: auto; transform: translateY(0)">
          <div style="float: left; width: 50%; max-height: 120px; overflow-y: auto">
            <egov-article-view heading="Tin">${Array.from({ length: 40 }, (_, index) => html`<p>Đoạn ${index + 1} của bài.</p>`)}</egov-article-view>
          </div>
        </div>
      `);
      const element = page.querySelector('egov-article-view') as EgovArticleView;
      const panel = element.parentElement!;
      document.body.style.overflow = 'hidden';
      try {
        await press(element, 'print');
        await emulateMedia({ media: 'print' });
        const article = element.getBoundingClientRect();
        expect(panel.getBoundingClientRect().height, 'the panel holds the whole article').to.be.at.least(article.height);
        expect(article.height).to.be.above(600);
        expect(article.width, 'as wide as the page').to.be.at.least(document.documentElement.clientWidth * 0.9);
        expect(getComputedStyle(page).position).to.equal('static');
        expect(getComputedStyle(document.body).overflow).to.equal('visible');
      } finally {
        document.body.style.overflow = '';
      }
    });

    it('prints at the page\'s width from a grid or flex column, never wider', async () => {
      const layouts = {
        'grid, sidebar first': ['display: grid; grid-template-columns: 220px 1fr', ''],
        'flex, fixed width': ['display: flex', 'flex: none; width: 66%'],
        'Bootstrap 4 column': ['display: flex; flex-wrap: wrap', 'flex: 0 0 66%; max-width: 66%'],
      };
      for (const [name, [row, column]] of Object.entries(layouts)) {
        const page = await fixture(html`
          <div style=${row}>
            <aside>Liên kết web</aside>
            <div style=${column}><egov-article-view heading="Tin"><p>${'Nội dung bài viết. '.repeat(60)}</p></egov-article-view></div>
          </div>
        `);
        const element = page.querySelector('egov-article-view') as EgovArticleView;
        await press(element, 'print');
        await emulateMedia({ media: 'print' });
        const width = element.getBoundingClientRect().width;
        const pageWidth = document.documentElement.clientWidth;
        expect(width, `${name}: the width of the page`).to.be.at.least(Math.min(pageWidth * 0.9, 48 * 17));
        expect(element.getBoundingClientRect().right, `${name}: cut on the right`).to.be.at.most(pageWidth);
        window.dispatchEvent(new Event('afterprint'));
        await emulateMedia({ media: 'screen' });
      }
    });

    it('gives the page back once printing is over', async () => {
      const { page, element } = await pageWithArticle();
      // The page's sheets before (among them the one that fits an inline body to its width).
      const sheets = [...document.adoptedStyleSheets];
      await press(element, 'print');
      window.dispatchEvent(new Event('afterprint'));
      await emulateMedia({ media: 'print' });
      expect(shown(page.querySelector('#menu'))).to.equal(true);
      expect(page.querySelector('[data-egov-print-path]')).to.equal(null);
      expect(document.adoptedStyleSheets.length === sheets.length && sheets.every((sheet, index) => document.adoptedStyleSheets[index] === sheet), 'the print sheet left behind').to.equal(true);
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

    it('says so when the speech engine cannot read (no voice for the language), once, and is unpressed', async () => {
      // An engine that fails every piece, as Chromium's does on a machine without voices.
      let failures = 0;
      stubs.push(override(speechSynthesis, {
        speak: (utterance: SpeechSynthesisUtterance) =>
          setTimeout(() => {
            failures++;
            utterance.dispatchEvent(new SpeechSynthesisErrorEvent('error', { utterance, error: 'synthesis-failed' }));
          }),
        cancel: () => {},
      }));
      const element = await inlineSample();
      const button = tool(element, 'read');
      await press(element, 'read');
      await waitUntil(() => visibleText(part(element, 'status')) === 'Trình duyệt không đọc được bài này.', 'the failure was not said');
      expect(failures > 1, 'several pieces failed').to.equal(true);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      // Said once: not again for each piece that failed after the first.
      const said: string[] = [];
      new MutationObserver(() => said.push(visibleText(part(element, 'status')))).observe(part(element, 'status')!, { childList: true, subtree: true, characterData: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(said).to.deep.equal([]);
    });

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
});
