import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { shadow, visibleText, override } from '../support/helpers.js';
import { TEXT_SIZE_KEY, sample, small, inlineSample, loadedRemote, articleJsonUrl, tool, press } from './harness.js';

describe('<egov-article-view>', () => {
  beforeEach(() => localStorage.removeItem(TEXT_SIZE_KEY));

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
});
