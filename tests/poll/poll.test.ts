import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { rememberVote, voterToken } from '../../src/poll/voter-storage.js';
import { inShadow, shadow, visibleText } from '../support/helpers.js';
import {
  UUID_V4, serverPoll, votesOf, forgetPolls, pollElement, input, button, text, resultRow, liveRegion, voteFor, form, focusedPart,
} from './harness.js';

describe('<egov-poll>', () => {
  beforeEach(forgetPolls);
  afterEach(forgetPolls);

  describe('voting against the reference server', () => {
    it('asks the question with a native radio per option, and enables "Bình chọn" once one is chosen', async () => {
      const { element } = await pollElement('dem-phieu');
      const form = await inShadow(element, 'form');
      expect(visibleText(form.querySelector('fieldset legend'))).to.equal('Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      const radios = [...form.querySelectorAll('input')];
      expect(radios.map((radio) => radio.type)).to.deep.equal(['radio', 'radio', 'radio', 'radio', 'radio']);
      expect(visibleText(radios[2]!.closest('label'))).to.equal('3 ngày');
      expect(button(element, 'vote-button')!.disabled).to.equal(true);
      expect(text(element, 'results-button')).to.equal('Xem kết quả');
      await expect(element).to.be.accessible();
      input(element, '3-ngay').click();
      await element.updateComplete;
      expect(button(element, 'vote-button')!.disabled).to.equal(false);
      expect(text(element, 'vote-button')).to.equal('Bình chọn');
    });

    it('counts the vote: the chosen option and the total rise by one, and the choice is marked', async () => {
      const before = await serverPoll('dem-phieu');
      const { element, votes } = await pollElement('dem-phieu');
      await voteFor(element, '3-ngay');
      expect(resultRow(element, '3 ngày')).to.include(`${votesOf(before, '3-ngay') + 1} lượt`);
      expect(resultRow(element, '3 ngày')).to.include('(lựa chọn của bạn)');
      expect(resultRow(element, '2 ngày')).to.include(`${votesOf(before, '2-ngay')} lượt`);
      expect(resultRow(element, '2 ngày')).not.to.include('lựa chọn của bạn');
      expect(text(element, 'total')).to.equal(`Tổng số: ${before.totalVotes + 1} lượt bình chọn`);
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(liveRegion(element)).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(votes).to.deep.equal([{ pollId: 'dem-phieu', options: ['3-ngay'] }]);
      const after = await serverPoll('dem-phieu');
      expect(after.totalVotes).to.equal(before.totalVotes + 1);
      expect(localStorage.getItem('egov-voter')).to.match(UUID_V4);
      await expect(element).to.be.accessible();
    });

    it('leaves its thanks in the screen readers\' status line only long enough to be heard, not to be read again beside the notice', async () => {
      const { element } = await pollElement('dem-phieu');
      await voteFor(element, '2-ngay');
      const said = performance.now();
      expect(liveRegion(element)).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      await waitUntil(() => liveRegion(element) === '', 'the status line kept its message', { timeout: 12_000, interval: 100 });
      expect(performance.now() - said).to.be.at.least(5000);
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
    }).timeout(20_000);

    it('shows shares in the reader\'s locale and bars sized without inline style attributes in the markup', async () => {
      const { element } = await pollElement('da-ket-thuc');
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '7 ngày')).to.equal('7 ngày 36,4% · 1.234 lượt');
      expect(resultRow(element, '9 ngày')).to.equal('9 ngày 63,6% · 2.156 lượt');
      expect(text(element, 'total')).to.equal('Tổng số: 3.390 lượt bình chọn');
      const fills = [...shadow(element).querySelectorAll('[part="fill"]')];
      expect(fills.map((fill) => `${Number.parseFloat(fill.getAttribute('width')!).toFixed(4)}%`)).to.deep.equal(['36.4012%', '63.5988%']);
      const track = fills[0]!.parentElement!.getBoundingClientRect().width;
      expect(fills[0]!.getBoundingClientRect().width / track).to.be.closeTo(0.364, 0.02);
      // Not one style attribute in the widget's markup, not even one set from script (the contract).
      expect(shadow(element).querySelectorAll('[style]')).to.have.length(0);
    });

    it('shows the results, not the form, when this browser comes back after voting', async () => {
      const first = await pollElement('quay-lai-trang');
      await voteFor(first.element, '2-ngay');
      const counted = await serverPoll('quay-lai-trang');
      // A later visit: a new element, the same localStorage.
      const { element } = await pollElement('quay-lai-trang');
      await inShadow(element, '[part="results"]');
      expect(form(element)).to.equal(null);
      expect(text(element, 'notice')).to.equal('Bạn đã tham gia cuộc bình chọn này.');
      expect(resultRow(element, '2 ngày')).to.include('(lựa chọn của bạn)');
      expect(text(element, 'total')).to.equal(`Tổng số: ${counted.totalVotes} lượt bình chọn`);
      expect((await serverPoll('quay-lai-trang')).totalVotes).to.equal(counted.totalVotes);
    });

    it('shows the results when the server says this voter already voted (409), counting nothing', async () => {
      await voteFor((await pollElement('da-bau-truoc')).element, '1-ngay');
      const counted = await serverPoll('da-bau-truoc');
      // The remembered vote is lost, the voter token is kept: the server recognises the voter.
      localStorage.removeItem(Object.keys(localStorage).find((key) => key.endsWith('/polls/da-bau-truoc'))!);
      const { element, votes, errors } = await pollElement('da-bau-truoc');
      await voteFor(element, '4-ngay');
      expect(text(element, 'notice')).to.equal(
        'Phiếu bình chọn từ trình duyệt này đã được ghi nhận trước đó; lần này không được tính thêm.',
      );
      // The form went with the focused button: focus goes to the results' title, as for a counted vote.
      expect(await focusedPart(element)).to.equal('question');
      expect(text(element, 'total')).to.equal(`Tổng số: ${counted.totalVotes} lượt bình chọn`);
      expect(resultRow(element, '4 ngày')).not.to.include('lựa chọn của bạn');
      expect(votes).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
      expect((await serverPoll('da-bau-truoc')).totalVotes).to.equal(counted.totalVotes);
    });

    it('keeps the choice marked when another tab voted first (409): what this browser remembers stays', async () => {
      // Two tabs of one portal: both offer the form; the reader votes in each. The other tab's box
      // does what the widget does: it sends the ballot with this browser's voter token, and remembers it.
      const second = await pollElement('hai-hop');
      await inShadow(second.element, 'form');
      const pollUrl = new URL('/api/polls/hai-hop', location.href).href;
      const otherTab = await fetch(`${pollUrl}/votes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ options: ['2-ngay'], voter: voterToken() }),
      });
      expect(otherTab.status).to.equal(201);
      rememberVote(pollUrl, { options: ['2-ngay'] });
      // This tab's box is sent another choice: the one counted, remembered from the other tab, is marked.
      await voteFor(second.element, '4-ngay');
      expect(text(second.element, 'notice')).to.equal(
        'Phiếu bình chọn từ trình duyệt này đã được ghi nhận trước đó; lần này không được tính thêm.',
      );
      expect(resultRow(second.element, '2 ngày')).to.include('(lựa chọn của bạn)');
      expect(resultRow(second.element, '4 ngày')).not.to.include('(lựa chọn của bạn)');
      // A later visit still shows the choice, not a vote forgotten by the second box.
      const later = await pollElement('hai-hop');
      await inShadow(later.element, '[part="results"]');
      expect(resultRow(later.element, '2 ngày')).to.include('(lựa chọn của bạn)');
    });

    it('offers checkboxes on a multiple-choice poll and counts every option chosen', async () => {
      const before = await serverPoll('nhieu-lua-chon');
      const { element, votes } = await pollElement('nhieu-lua-chon');
      const form = await inShadow(element, 'form');
      expect([...form.querySelectorAll('input')].every((box) => box.type === 'checkbox')).to.equal(true);
      expect(visibleText(form.querySelector('legend'))).to.include('(có thể chọn nhiều phương án)');
      // The group's name as a screen reader gets it: the question, a space, the hint.
      const { name } = (await executeServerCommand('accessible-node', { selector: 'egov-poll >>> fieldset' })) as { name: string };
      expect(/\S \(có thể chọn nhiều phương án\)$/.test(name), `the group is named "${name}"`).to.equal(true);
      await expect(element).to.be.accessible();
      await voteFor(element, 'khai-sinh', 'nop-thue');
      expect(resultRow(element, 'Đăng ký khai sinh')).to.include(`· ${votesOf(before, 'khai-sinh') + 1} lượt`);
      expect(resultRow(element, 'Đăng ký khai sinh')).to.include('(lựa chọn của bạn)');
      expect(resultRow(element, 'Nộp thuế điện tử')).to.include('(lựa chọn của bạn)');
      expect(resultRow(element, 'Cấp đổi giấy phép lái xe')).not.to.include('lựa chọn của bạn');
      expect(text(element, 'total')).to.equal(`Tổng số: ${before.totalVotes + 1} lượt bình chọn`);
      expect(votes).to.deep.equal([{ pollId: 'nhieu-lua-chon', options: ['khai-sinh', 'nop-thue'] }]);
      const after = await serverPoll('nhieu-lua-chon');
      expect(votesOf(after, 'nop-thue')).to.equal(votesOf(before, 'nop-thue') + 1);
    });

    it('shows a closed poll as results with a notice, and no way to vote', async () => {
      for (const pollId of ['da-ket-thuc', 'dong-bang-tay']) {
        const { element } = await pollElement(pollId);
        await inShadow(element, '[part="results"]');
        expect(text(element, 'notice')).to.equal('Cuộc bình chọn đã kết thúc.');
        expect(shadow(element).querySelector('form, button')).to.equal(null);
        await expect(element).to.be.accessible();
      }
    });

    it('fires egov-poll-vote out of the shadow root once the vote is counted', async () => {
      const { element } = await pollElement('truy-cap-kho');
      await inShadow(element, 'form');
      input(element, '1-ngay').click();
      await element.updateComplete;
      setTimeout(() => button(element, 'vote-button')!.click());
      const event = await oneEvent(element, 'egov-poll-vote');
      expect(event.detail).to.deep.equal({ pollId: 'truy-cap-kho', options: ['1-ngay'] });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('shows the results bars under a strict Content-Security-Policy with Trusted Types', async () => {
      const policy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
        "require-trusted-types-for 'script'", 'trusted-types lit-html dompurify egov-widgets',
      ].join('; ');
      const page = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}">
        <script type="module" src="/tests/poll/csp-probe.ts"></script>
        <egov-poll lang="vi" poll-id="da-ket-thuc"></egov-poll>`;
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="CSP" srcdoc=${page}></iframe>`);
      // The frame loads the kit and the poll itself: as long as any widget's first load on a busy machine.
      await waitUntil(() => frame.contentDocument?.querySelector('egov-poll')?.shadowRoot?.querySelector('[part="fill"]'), 'the bars never showed', {
        timeout: 15_000,
      });
      const inner = frame.contentDocument!.querySelector('egov-poll')!;
      const fill = shadow(inner).querySelector<HTMLElement>('[part="fill"]')!;
      expect(fill.getBoundingClientRect().width / fill.parentElement!.getBoundingClientRect().width).to.be.closeTo(0.364, 0.02);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((frame.contentWindow as unknown as { violations: string[] }).violations).to.deep.equal([]);
    });

    it('explains a poll id the server does not know', async () => {
      const { element, errors } = await pollElement('khong-co-cuoc-nay');
      const error = await inShadow(element, '[part="error"]');
      expect(visibleText(error)).to.include('Không tìm thấy cuộc bình chọn này.');
      expect(errors).to.deep.equal(['http']);
    });
  });

  describe('show-results', () => {
    it('always: "Xem kết quả" shows the results before voting, and "Quay lại" returns with the choice kept', async () => {
      const { element } = await pollElement('xem-truoc');
      await inShadow(element, 'form');
      input(element, '4-ngay').click();
      // Pressed as a pointer or a key does it: the button has the focus.
      const press = (part: string) => (button(element, part)!.focus(), button(element, part)!.click());
      press('results-button');
      await inShadow(element, '[part="results"]');
      expect(text(element, 'total')).to.match(/^Tổng số: \d+ lượt bình chọn$/);
      // The button went with the form: the focus goes to the results' title.
      expect(await focusedPart(element)).to.equal('question');
      await expect(element).to.be.accessible();
      press('back-button');
      await inShadow(element, 'form');
      expect(input(element, '4-ngay').checked).to.equal(true);
      expect(shadow(element).activeElement === input(element, '4-ngay'), 'the focus on the reader\'s choice').to.equal(true);
    });

    it('always: back from the results with nothing chosen, the focus is on the first option, where Tab into the form goes', async () => {
      const { element } = await pollElement('xem-truoc');
      await inShadow(element, 'form');
      button(element, 'results-button')!.focus();
      button(element, 'results-button')!.click();
      await inShadow(element, '[part="results"]');
      button(element, 'back-button')!.focus();
      button(element, 'back-button')!.click();
      await inShadow(element, 'form');
      await element.updateComplete;
      const first = shadow(element).querySelector('input');
      expect(shadow(element).activeElement === first, `the focus on ${shadow(element).activeElement?.outerHTML.slice(0, 60)}`).to.equal(true);
      expect(first!.checked).to.equal(false);
    });

    it('after-vote: no results before voting, the results after', async () => {
      const { element } = await pollElement('sau-binh-chon', { showResults: 'after-vote' });
      await inShadow(element, 'form');
      expect(button(element, 'results-button')).to.equal(null);
      await voteFor(element, '5-ngay-tro-len');
      expect(resultRow(element, '5 ngày trở lên')).to.include('(lựa chọn của bạn)');
    });

    it('reads show-results as typed by hand: case and spaces aside; an unknown value warns and shows the results', async () => {
      const { element } = await pollElement('sau-binh-chon', { showResults: ' After-Vote ' });
      await inShadow(element, 'form');
      expect(button(element, 'results-button') === null, 'results offered before the vote').to.equal(true);
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => warnings.push(message);
      try {
        const unknown = await pollElement('sau-binh-chon', { showResults: 'after_vote' });
        await inShadow(unknown.element, 'form');
        expect(button(unknown.element, 'results-button') !== null, 'no results button').to.equal(true);
      } finally {
        console.warn = warn;
      }
      expect(warnings).to.deep.equal([
        '<egov-poll>: show-results="after_vote" is not one of always,after-vote,after-close: results shown always.',
      ]);
    });

    it('after-close: thanks the voter without figures while the poll is open', async () => {
      const { element } = await pollElement('sau-ket-thuc', { showResults: 'after-close' });
      await inShadow(element, 'form');
      expect(button(element, 'results-button')).to.equal(null);
      const results = await voteFor(element, '2-ngay');
      expect(visibleText(results)).to.include('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(visibleText(results)).to.include('Bạn đã chọn: 2 ngày.');
      expect(visibleText(results)).to.include('Kết quả sẽ được công bố khi cuộc bình chọn kết thúc.');
      expect(shadow(element).querySelector('[part="total"], [part~="result"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('after-close: shows the results once the poll has closed', async () => {
      const { element } = await pollElement('ket-thuc-sau-ket-thuc', { showResults: 'after-close' });
      await inShadow(element, '[part="results"]');
      expect(text(element, 'total')).to.equal('Tổng số: 10 lượt bình chọn');
      expect(text(element, 'notice')).to.equal('Cuộc bình chọn đã kết thúc.');
    });
  });

  describe('on a phone', () => {
    it('wraps an option written without a space within the width, in the form and in the results (no sideways scrolling)', async () => {
      const { element } = await pollElement('phuong-an-dai');
      element.style.width = '320px';
      const fits = (selector: string) => {
        const boxes = [...shadow(element).querySelectorAll(selector)];
        expect(boxes.length, selector).to.be.above(0);
        for (const box of boxes) expect(box.getBoundingClientRect().right, selector).to.be.at.most(element.getBoundingClientRect().right + 0.5);
        expect(element.scrollWidth, 'the widget').to.be.at.most(320);
      };
      await inShadow(element, 'form');
      fits('[part="option"] span');
      button(element, 'results-button')!.click();
      await inShadow(element, '[part="results"]');
      fits('[part="result"] .label');
      await expect(element).to.be.accessible();
    });
  });

  describe('configuration', () => {
    it('explains a missing poll-id and reports it as egov-error "config"', async () => {
      const errors: string[] = [];
      const element = await fixture(html`<egov-poll @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}></egov-poll>`);
      await waitUntil(() => errors.length > 0);
      expect(errors).to.deep.equal(['config']);
      expect(text(element, 'error')).to.equal('Chưa cấu hình cuộc bình chọn: thiếu thuộc tính poll-id.');
      await expect(element).to.be.accessible();
    });

    it('hides the no-script fallback once it runs', async () => {
      const element = await fixture(html`
        <egov-poll poll-id="dem-phieu"><p slot="fallback">Bạn mong muốn được nghỉ lễ bao nhiêu ngày?</p></egov-poll>
      `);
      expect(element.querySelector('p')!.getBoundingClientRect().height).to.equal(0);
    });
  });

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
      expect(await focusedPart(element)).to.equal('question');
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

  describe('the voter token', () => {
    it('replaces a damaged token with a new UUID v4 before voting', async () => {
      localStorage.setItem('egov-voter', 'not-a-uuid');
      const { element } = await pollElement('ma-cu-hong');
      await voteFor(element, '3-ngay');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(localStorage.getItem('egov-voter')).to.match(UUID_V4);
    });

    it('still votes, and shows the results for the rest of the page view, when storage is blocked', async () => {
      const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      try {
        const { element } = await pollElement('khong-luu-tru');
        await voteFor(element, '4-ngay');
        expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
        const again = await pollElement('khong-luu-tru');
        await inShadow(again.element, '[part="results"]');
        expect(resultRow(again.element, '4 ngày')).to.include('(lựa chọn của bạn)');
      } finally {
        Object.defineProperty(window, 'localStorage', original);
      }
      expect(Object.keys(localStorage).some((key) => key.endsWith('/polls/khong-luu-tru'))).to.equal(false);
    });
  });
});
