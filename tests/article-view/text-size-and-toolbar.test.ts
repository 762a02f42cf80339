import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { shadow, visibleText, part } from '../support/helpers.js';
import { ARTICLE_URL, TEXT_SIZE_KEY, inlineSample, loadedRemote, tool, press, bodyParagraphs, fontSize } from './harness.js';

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

    it('has buttons of at least 24 by 24 pixels', async () => {
      const element = await inlineSample();
      for (const button of part(element, 'toolbar')!.querySelectorAll('button')) {
        const box = button.getBoundingClientRect();
        expect(box.width).to.be.at.least(24);
        expect(box.height).to.be.at.least(24);
      }
    });
  });
});
