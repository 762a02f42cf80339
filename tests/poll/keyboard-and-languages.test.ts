import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { inShadow, shadow } from '../support/helpers.js';
import { serverPoll, votesOf, forgetPolls, pollElement, input, button, text, resultRow, voteFor } from './harness.js';

describe('<egov-poll>', () => {
  beforeEach(forgetPolls);
  afterEach(forgetPolls);

  describe('keyboard', () => {
    it('votes with the keyboard alone: Tab, arrows, Space and Enter', async () => {
      const wrapper = await fixture(html`
        <div>
          <button type="button">Trước</button>
          <egov-poll lang="vi" endpoint="/api" poll-id="ban-phim"></egov-poll>
        </div>
      `);
      const element = wrapper.querySelector('egov-poll')!;
      await inShadow(element, 'form');
      wrapper.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(shadow(element).activeElement).to.equal(input(element, '1-ngay'));
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(input(element, '3-ngay').checked).to.equal(true);
      await sendKeys({ press: 'ArrowUp' });
      expect(input(element, '2-ngay').checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(shadow(element).activeElement).to.equal(button(element, 'vote-button'));
      await sendKeys({ press: 'Enter' });
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '2 ngày')).to.include('(lựa chọn của bạn)');
      // Focus goes to the results, not back to the top of the page.
      expect(shadow(element).activeElement).to.equal(shadow(element).querySelector('[part="question"]'));
    });
  });

  describe('languages', () => {
    it('votes in English', async () => {
      const before = await serverPoll('tieng-anh');
      const { element } = await pollElement('tieng-anh', { lang: 'en' });
      await inShadow(element, 'form');
      expect(text(element, 'vote-button')).to.equal('Vote');
      expect(text(element, 'results-button')).to.equal('See results');
      await voteFor(element, '1-ngay');
      expect(text(element, 'notice')).to.equal('Thank you! Your vote has been counted.');
      expect(resultRow(element, '1 ngày')).to.include(`· ${votesOf(before, '1-ngay') + 1} votes`);
      expect(resultRow(element, '1 ngày')).to.include('(your choice)');
      expect(text(element, 'total')).to.equal(`Total: ${before.totalVotes + 1} votes`);
      await expect(element).to.be.accessible();
    });

    it('formats shares and counts the English way', async () => {
      const { element } = await pollElement('da-ket-thuc', { lang: 'en' });
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '7 ngày')).to.equal('7 ngày 36.4% · 1,234 votes');
      expect(text(element, 'total')).to.equal('Total: 3,390 votes');
      expect(text(element, 'notice')).to.equal('This poll has closed.');
    });
  });
});
