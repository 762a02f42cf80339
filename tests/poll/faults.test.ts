import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovPoll } from '../../src/poll/poll.js';
import { inShadow, shadow, visibleText } from '../support/helpers.js';
import {
  forgetPolls, faultyEndpoint, pollElement, input, button, text, resultRow, liveRegion, watchText, voteFor, form, focusedPart,
} from './harness.js';

describe('<egov-poll>', () => {
  beforeEach(forgetPolls);
  afterEach(forgetPolls);

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

    it('shows a vote counted in the box that took its place while it was on its way (an UpdatePanel), and in a second box of the poll', async () => {
      const endpoint = faultyEndpoint('slow', 'vote');
      const { element } = await pollElement('own', { endpoint });
      const second = (await pollElement('own', { endpoint })).element;
      await inShadow(element, 'form');
      await inShadow(second, 'form');
      input(element, '3-ngay').click();
      await element.updateComplete;
      button(element, 'vote-button')!.click();
      // The page's partial post-back replaces the box while the vote is held: a new element, loaded anew.
      const replacement = document.createElement('egov-poll') as EgovPoll;
      replacement.setAttribute('endpoint', endpoint);
      replacement.setAttribute('poll-id', 'own');
      // The page's script listens on the document: it hears the vote from the box in its place.
      const heard: EventTarget[] = [];
      const listener = (event: Event) => heard.push(event.target!);
      document.addEventListener('egov-poll-vote', listener);
      element.replaceWith(replacement);
      await inShadow(replacement, 'form');
      try {
        for (const [name, box] of [['the box in its place', replacement], ['the second box', second]] as const) {
          await inShadow(box, '[part="results"]');
          expect(resultRow(box, '3 ngày'), name).to.include('(lựa chọn của bạn)');
          expect(text(box, 'notice'), name).to.equal('Bạn đã tham gia cuộc bình chọn này.');
        }
        expect(heard.length, 'egov-poll-vote heard by the page').to.equal(1);
        expect(heard[0] === replacement, 'egov-poll-vote from the box in its place').to.equal(true);
      } finally {
        document.removeEventListener('egov-poll-vote', listener);
        replacement.remove();
      }
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
      expect(form(element)!.getAttribute('aria-busy')).to.equal('true');
      expect(vote.getAttribute('aria-disabled')).to.equal('true');
      expect(visibleText(vote)).to.equal('Đang gửi…');
      vote.click();
      form(element)!.requestSubmit();
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

    it('sends a vote again when its answer is lost, and counts it once', async () => {
      const { element, votes, errors } = await pollElement('own', { endpoint: faultyEndpoint('reset', 'vote') });
      await voteFor(element, '2-ngay');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(resultRow(element, '2 ngày')).to.equal('2 ngày (lựa chọn của bạn) 36,4% · 4 lượt');
      expect(text(element, 'total')).to.equal('Tổng số: 11 lượt bình chọn');
      expect(votes).to.deep.equal([{ pollId: 'own', options: ['2-ngay'] }]);
      expect(errors).to.deep.equal([]);
    });

    it('marks the choice counted when every answer to it was lost and a later try hears 409, even after a change of mind', async () => {
      // Each attempt reaches the server (the first is counted), each answer is cut on the way back.
      const { element, votes } = await pollElement('own', { endpoint: faultyEndpoint('reset', 'vote', 3) });
      await failingVote(element, '2-ngay');
      // The reader picks another option, then presses "Thử lại": the server says this voter voted.
      input(element, '3-ngay').click();
      await element.updateComplete;
      button(element, 'retry-button')!.click();
      await inShadow(element, '[part="results"]');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(resultRow(element, '2 ngày')).to.include('(lựa chọn của bạn)');
      expect(resultRow(element, '3 ngày')).not.to.include('(lựa chọn của bạn)');
      expect(votes).to.deep.equal([{ pollId: 'own', options: ['2-ngay'] }]);
    });

    it('knows a ballot counted when its answer was lost and the server then said "too many" (429), on the 409 after "Thử lại"', async () => {
      const { element, votes } = await pollElement('own', { endpoint: faultyEndpoint('lost-then-busy', 'vote', 2) });
      expect(await failingVote(element, '5-ngay')).to.include('Vui lòng thử lại sau 2 phút.');
      button(element, 'retry-button')!.click();
      await inShadow(element, '[part="results"]');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(resultRow(element, '5 ngày')).to.include('(lựa chọn của bạn)');
      expect(votes).to.deep.equal([{ pollId: 'own', options: ['5-ngay'] }]);
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
        'Gửi chưa thành công, đang gửi lại lần thứ 2 (tối đa 3 lần)…',
        'Gửi chưa thành công, đang gửi lại lần thứ 3 (tối đa 3 lần)…',
        '',
      ]);
      expect(visibleText(error)).to.include('Máy chủ báo lỗi (mã 500)');
      expect(input(element, '5-ngay').checked).to.equal(true);
      expect(errors).to.deep.equal(['http']);
      // Read (and tabbed to) after the buttons the reader pressed, where the retry line was; the
      // status line no longer says a vote is being sent again.
      const actions = shadow(element).querySelector('[part="actions"]')!;
      expect(Boolean(actions.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING), 'the error before the buttons').to.equal(true);
      expect(liveRegion(element), 'the status line after the failure').to.equal('');
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
      expect(await failingVote(element, '5-ngay')).to.include('Máy chủ không nhận phiếu bình chọn này vì dữ liệu không hợp lệ.');
      expect(await postsSent()).to.equal(1);
      expect(errors).to.deep.equal(['http']);
      // Said once, by the error's alert: the status line does not say it again.
      expect(liveRegion(element)).not.to.include('không hợp lệ');
      const retry = button(element, 'retry-button')!;
      retry.focus();
      retry.click();
      await waitUntil(() => form(element) && !shadow(element).querySelector('[part="error"]'));
      expect(input(element, '5-ngay').checked).to.equal(true);
      // Not a radio button, where a key would change the choice: the question, read first; Tab
      // then enters the group at the reader's choice.
      expect(await focusedPart(element)).to.equal('question');
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
      expect(form(element)).to.equal(null);
      expect(await focusedPart(element)).to.equal('question');
      expect(errors).to.deep.equal(['http']);
      expect(votes).to.deep.equal([]);
      // The results came in the 410's body: the poll was loaded once, before the vote, never again.
      const loads = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/polls/own'));
      expect(loads).to.have.length(1);
    });
  });
});
