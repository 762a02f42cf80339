import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovPoll, PollVoteDetail } from '../../src/poll/poll.js';
import { inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';

// The polls are in tests/poll/polls.json, served by the real reference server behind /api. Every
// test that votes has a poll of its own: the tests of one run share one server and database.

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface ServerPoll {
  totalVotes: number;
  options: { id: string; votes: number }[];
}

/** The poll as the server counts it now, read past the widget. */
async function serverPoll(pollId: string): Promise<ServerPoll> {
  return (await fetch(`/api/polls/${pollId}`)).json();
}

function votesOf(poll: ServerPoll, optionId: string): number {
  return poll.options.find((option) => option.id === optionId)!.votes;
}

/** Forgets what this browser knows about polls; other widgets' keys are left alone. */
function forgetPolls(): void {
  for (const key of Object.keys(localStorage)) {
    if (key === 'egov-voter' || key.startsWith('egov-poll:')) localStorage.removeItem(key);
  }
}

/** A poll fault endpoint (tests/support/faulty-endpoint.mjs) misbehaving `times` times on `on`. */
function faultyEndpoint(kind: string, on: 'load' | 'vote', times = 1): string {
  return `/faults/poll/${kind}/${on}/${times}/${uniqueKey(kind)}`;
}

interface PollOptions {
  lang?: string;
  endpoint?: string;
  showResults?: string;
}

/** A poll element, with the `egov-error` codes and `egov-poll-vote` details it fires captured from the start. */
async function pollElement(pollId: string, { lang = 'vi', endpoint = '/api', showResults = 'always' }: PollOptions = {}) {
  const errors: string[] = [];
  const votes: PollVoteDetail[] = [];
  const element = await fixture<EgovPoll>(html`
    <egov-poll
      lang=${lang}
      endpoint=${endpoint}
      poll-id=${pollId}
      show-results=${showResults}
      @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}
      @egov-poll-vote=${(event: CustomEvent<PollVoteDetail>) => votes.push(event.detail)}
    ></egov-poll>
  `);
  return { element, errors, votes };
}

function input(element: Element, optionId: string): HTMLInputElement {
  const found = shadow(element).querySelector<HTMLInputElement>(`input[value="${optionId}"]`);
  if (!found) throw new Error(`no option ${optionId}`);
  return found;
}

function button(element: Element, part: string): HTMLButtonElement | null {
  return shadow(element).querySelector<HTMLButtonElement>(`[part="${part}"]`);
}

function text(element: Element, part: string): string {
  return visibleText(shadow(element).querySelector(`[part="${part}"]`));
}

/** The result line of the option labelled `label`. */
function resultRow(element: Element, label: string): string {
  const rows = [...shadow(element).querySelectorAll('[part~="result"]')].map(visibleText);
  const row = rows.find((line) => line.startsWith(`${label} `));
  if (!row) throw new Error(`no result for ${label} in ${rows.join(' | ')}`);
  return row;
}

function liveRegion(element: Element): string {
  return visibleText(shadow(element).querySelector('[role="status"].visually-hidden'));
}

/** Every text `selector` shows inside the widget, in order, with the moment it appeared. */
function watchText(element: Element, selector: string): { text: string; at: number }[] {
  const seen: { text: string; at: number }[] = [];
  const look = () => {
    const text = visibleText(shadow(element).querySelector(selector));
    if (text !== (seen.at(-1)?.text ?? '')) seen.push({ text, at: performance.now() });
  };
  new MutationObserver(look).observe(shadow(element), { subtree: true, childList: true, characterData: true });
  return seen;
}

async function voteFor(element: EgovPoll, ...optionIds: string[]): Promise<HTMLElement> {
  await inShadow(element, 'form');
  for (const id of optionIds) input(element, id).click();
  await element.updateComplete;
  button(element, 'vote-button')!.click();
  return inShadow(element, '[part="results"]');
}

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

    it('shows shares in the reader\'s locale and bars sized without inline style attributes in the markup', async () => {
      const { element } = await pollElement('da-ket-thuc');
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '7 ngày')).to.equal('7 ngày 36,4% · 1.234 lượt');
      expect(resultRow(element, '9 ngày')).to.equal('9 ngày 63,6% · 2.156 lượt');
      expect(text(element, 'total')).to.equal('Tổng số: 3.390 lượt bình chọn');
      const fills = [...shadow(element).querySelectorAll<HTMLElement>('[part="fill"]')];
      expect(fills.map((fill) => fill.style.width)).to.deep.equal(['36.4012%', '63.5988%']);
      const track = fills[0]!.parentElement!.getBoundingClientRect().width;
      expect(fills[0]!.getBoundingClientRect().width / track).to.be.closeTo(0.364, 0.02);
    });

    it('shows the results, not the form, when this browser comes back after voting', async () => {
      const first = await pollElement('quay-lai-trang');
      await voteFor(first.element, '2-ngay');
      const counted = await serverPoll('quay-lai-trang');
      // A later visit: a new element, the same localStorage.
      const { element } = await pollElement('quay-lai-trang');
      await inShadow(element, '[part="results"]');
      expect(shadow(element).querySelector('form')).to.equal(null);
      expect(text(element, 'notice')).to.equal('Bạn đã bình chọn trong cuộc này.');
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
        'Trình duyệt này đã bình chọn trong cuộc này trước đây; lần này không được tính thêm.',
      );
      expect(text(element, 'total')).to.equal(`Tổng số: ${counted.totalVotes} lượt bình chọn`);
      expect(resultRow(element, '4 ngày')).not.to.include('lựa chọn của bạn');
      expect(votes).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
      expect((await serverPoll('da-bau-truoc')).totalVotes).to.equal(counted.totalVotes);
    });

    it('offers checkboxes on a multiple-choice poll and counts every option chosen', async () => {
      const before = await serverPoll('nhieu-lua-chon');
      const { element, votes } = await pollElement('nhieu-lua-chon');
      const form = await inShadow(element, 'form');
      expect([...form.querySelectorAll('input')].every((box) => box.type === 'checkbox')).to.equal(true);
      expect(visibleText(form.querySelector('legend'))).to.include('(có thể chọn nhiều phương án)');
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
      await waitUntil(() => frame.contentDocument?.querySelector('egov-poll')?.shadowRoot?.querySelector('[part="fill"]'));
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
      button(element, 'results-button')!.click();
      await inShadow(element, '[part="results"]');
      expect(text(element, 'total')).to.match(/^Tổng số: \d+ lượt bình chọn$/);
      expect(shadow(element).activeElement).to.equal(shadow(element).querySelector('[part="question"]'));
      await expect(element).to.be.accessible();
      button(element, 'back-button')!.click();
      await inShadow(element, 'form');
      expect(input(element, '4-ngay').checked).to.equal(true);
      expect(shadow(element).activeElement).to.equal(input(element, '4-ngay'));
    });

    it('after-vote: no results before voting, the results after', async () => {
      const { element } = await pollElement('sau-binh-chon', { showResults: 'after-vote' });
      await inShadow(element, 'form');
      expect(button(element, 'results-button')).to.equal(null);
      await voteFor(element, '5-ngay-tro-len');
      expect(resultRow(element, '5 ngày trở lên')).to.include('(lựa chọn của bạn)');
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

  describe('while loading and sending', () => {
    it('reserves the space of the holiday poll while it loads', async () => {
      const { element } = await pollElement('own', { endpoint: faultyEndpoint('slow', 'load') });
      const loading = await inShadow(element, '[part="loading"]');
      expect(visibleText(loading)).to.equal('Đang tải…');
      const reserved = element.getBoundingClientRect().height;
      await expect(element).to.be.accessible();
      const holiday = (await pollElement('xem-truoc')).element;
      await inShadow(holiday, 'form');
      expect(holiday.getBoundingClientRect().height / reserved).to.be.within(0.85, 1.15);
    });

    it('shows that a vote is on its way and never sends it twice', async () => {
      performance.clearResourceTimings();
      const { element, votes } = await pollElement('own', { endpoint: faultyEndpoint('slow', 'vote') });
      await inShadow(element, 'form');
      input(element, '3-ngay').click();
      await element.updateComplete;
      const vote = button(element, 'vote-button')!;
      vote.click();
      await element.updateComplete;
      expect(shadow(element).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
      expect(vote.getAttribute('aria-disabled')).to.equal('true');
      expect(visibleText(vote)).to.equal('Đang gửi…');
      vote.click();
      shadow(element).querySelector('form')!.requestSubmit();
      await expect(element).to.be.accessible();
      await inShadow(element, '[part="results"]');
      // The browser may file the timing entry a moment after the answer was used.
      const posts = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/polls/own/votes'));
      await waitUntil(() => posts().length > 0, 'the vote was never sent');
      expect(posts()).to.have.length(1);
      expect(votes).to.have.length(1);
      expect(text(element, 'total')).to.equal('Tổng số: 11 lượt bình chọn');
    });
  });

  describe('a misbehaving server', () => {
    const loadFailures: [string, string, string][] = [
      ['500', 'http', 'Máy chủ báo lỗi (mã 500)'],
      ['html', 'parse', 'không đọc được'],
      ['shape', 'shape', 'không đúng định dạng'],
      ['429-long', 'http', 'Vui lòng thử lại sau 2 phút.'],
    ];
    for (const [kind, code, message] of loadFailures) {
      it(`explains a ${kind} answer to loading the poll and recovers on retry`, async () => {
        const { element, errors } = await pollElement('own', { endpoint: faultyEndpoint(kind, 'load') });
        const error = await inShadow(element, '[part="error"]');
        expect(visibleText(error)).to.include(message);
        expect(errors).to.deep.equal([code]);
        await expect(element).to.be.accessible();
        button(element, 'retry-button')!.click();
        await inShadow(element, 'form');
        expect(visibleText(shadow(element).querySelector('legend'))).to.equal('Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      });
    }

    it('gives up loading after 10 seconds without an answer, in English', async function () {
      this.timeout(20_000);
      const { element, errors } = await pollElement('own', { lang: 'en', endpoint: faultyEndpoint('stall', 'load') });
      const error = await inShadow(element, '[part="error"]', 15_000);
      expect(visibleText(error)).to.include('The server did not answer within 10 seconds.');
      expect(text(element, 'retry-button')).to.equal('Try again');
      expect(errors).to.deep.equal(['timeout']);
      button(element, 'retry-button')!.click();
      await inShadow(element, 'form');
    });

    it('sends a vote again when its answer is lost, and counts it once', async () => {
      const { element, votes, errors } = await pollElement('own', { endpoint: faultyEndpoint('reset', 'vote') });
      await voteFor(element, '2-ngay');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(resultRow(element, '2 ngày')).to.equal('2 ngày (lựa chọn của bạn) 36,4% · 4 lượt');
      expect(text(element, 'total')).to.equal('Tổng số: 11 lượt bình chọn');
      expect(votes).to.deep.equal([{ pollId: 'own', options: ['2-ngay'] }]);
      expect(errors).to.deep.equal([]);
    });

    it('waits as long as a 429 asks, then sends the vote again by itself', async () => {
      const { element, errors } = await pollElement('own', { endpoint: faultyEndpoint('429', 'vote') });
      await inShadow(element, 'form');
      const progress = watchText(element, '[part="progress"]');
      const results = watchText(element, '[part="results"]');
      input(element, '5-ngay').click();
      await element.updateComplete;
      button(element, 'vote-button')!.click();
      await inShadow(element, '[part="progress"]');
      // The endpoint asks for 3 s (tests/support/faulty-endpoint.mjs), not the 1 s the widget waits by itself.
      expect(liveRegion(element)).to.equal('Máy chủ đang bận, sẽ tự gửi lại sau 3 giây…');
      await inShadow(element, '[part="results"]');
      expect(progress.map(({ text }) => text)).to.deep.equal(['Máy chủ đang bận, sẽ tự gửi lại sau 3 giây…', '']);
      const waited = results[0]!.at - progress[0]!.at;
      expect(waited, `waited ${Math.round(waited)} ms`).to.be.within(3000 - 50, 3000 + 2500);
      expect(resultRow(element, '5 ngày')).to.include('(lựa chọn của bạn)');
      expect(errors).to.deep.equal([]);
    });

    it('tells the reader how long to wait when a 429 asks for more than 10 seconds, then retries', async () => {
      const { element, errors } = await pollElement('own', { endpoint: faultyEndpoint('429-long', 'vote') });
      await inShadow(element, 'form');
      input(element, '3-ngay').click();
      await element.updateComplete;
      button(element, 'vote-button')!.click();
      const error = await inShadow(element, '[part="error"]');
      expect(visibleText(error)).to.include('Có quá nhiều lượt bình chọn từ mạng của bạn. Vui lòng thử lại sau 2 phút.');
      expect(errors).to.deep.equal(['http']);
      button(element, 'retry-button')!.click();
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '3 ngày')).to.include('(lựa chọn của bạn)');
    });

    it('keeps the choice after a vote fails every attempt, and the retry sends it', async () => {
      const { element, errors } = await pollElement('own', { endpoint: faultyEndpoint('500', 'vote', 3) });
      await inShadow(element, 'form');
      const progress = watchText(element, '[part="progress"]');
      input(element, '5-ngay').click();
      await element.updateComplete;
      button(element, 'vote-button')!.click();
      const error = await inShadow(element, '[part="error"]');
      expect(progress.map(({ text }) => text)).to.deep.equal([
        'Chưa nhận được phản hồi, đang gửi lại (lần 2/3)…',
        'Chưa nhận được phản hồi, đang gửi lại (lần 3/3)…',
        '',
      ]);
      expect(visibleText(error)).to.include('Máy chủ báo lỗi (mã 500)');
      expect(input(element, '5-ngay').checked).to.equal(true);
      expect(errors).to.deep.equal(['http']);
      await expect(element).to.be.accessible();
      button(element, 'retry-button')!.click();
      await inShadow(element, '[part="results"]');
      expect(resultRow(element, '5 ngày')).to.include('(lựa chọn của bạn)');
    });

    /** Chooses `optionId`, votes, and waits for the error; returns the POSTs sent. */
    async function failingVote(element: EgovPoll, optionId: string): Promise<string> {
      performance.clearResourceTimings();
      await inShadow(element, 'form');
      input(element, optionId).click();
      await element.updateComplete;
      button(element, 'vote-button')!.click();
      return visibleText(await inShadow(element, '[part="error"]'));
    }

    /** The POSTs sent; the browser may file a timing entry a moment after the answer was used. */
    async function postsSent(): Promise<number> {
      const posts = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/votes')).length;
      await waitUntil(() => posts() > 0, 'the vote was never sent');
      return posts();
    }

    it('explains a 400 refusal without sending again, and the retry reloads the poll keeping the choice', async () => {
      const { element, errors } = await pollElement('own', { endpoint: faultyEndpoint('400', 'vote') });
      expect(await failingVote(element, '2-ngay')).to.include('Máy chủ không nhận phiếu bình chọn này vì dữ liệu không hợp lệ.');
      expect(await postsSent()).to.equal(1);
      expect(errors).to.deep.equal(['http']);
      button(element, 'retry-button')!.click();
      await waitUntil(() => shadow(element).querySelector('form') && !shadow(element).querySelector('[part="error"]'));
      expect(input(element, '2-ngay').checked).to.equal(true);
    });

    it('explains a 413 refusal without sending again by itself', async () => {
      const { element } = await pollElement('own', { endpoint: faultyEndpoint('413', 'vote') });
      expect(await failingVote(element, '2-ngay')).to.include('Phiếu bình chọn quá lớn, máy chủ không nhận.');
      expect(await postsSent()).to.equal(1);
      button(element, 'retry-button')!.click();
      await inShadow(element, '[part="results"]');
    });

    it('shows the results the 410 carries, with a notice, when the poll closed before the vote arrived', async () => {
      performance.clearResourceTimings();
      const { element, errors, votes } = await pollElement('own', { endpoint: faultyEndpoint('410', 'vote') });
      await voteFor(element, '3-ngay');
      expect(text(element, 'notice')).to.equal(
        'Cuộc bình chọn đã kết thúc trước khi phiếu của bạn tới máy chủ; phiếu không được tính.',
      );
      expect(resultRow(element, '3 ngày')).to.equal('3 ngày 50% · 5 lượt');
      expect(text(element, 'total')).to.equal('Tổng số: 10 lượt bình chọn');
      expect(shadow(element).querySelector('form')).to.equal(null);
      expect(errors).to.deep.equal(['http']);
      expect(votes).to.deep.equal([]);
      // The results came in the 410's body: the poll was loaded once, before the vote, never again.
      const loads = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/polls/own'));
      expect(loads).to.have.length(1);
    });
  });
});
