import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { inlineSample, press, tool } from './harness.js';

// Reading `speechSynthesis` sets speech up in the browser: the article offers to read aloud
// without reading it, and reads it only when the reader presses the button.
describe('<egov-article-view> read aloud on first render', () => {
  const saved = Object.getOwnPropertyDescriptor(window, 'speechSynthesis')!;
  afterEach(() => Object.defineProperty(window, 'speechSynthesis', saved));

  it('shows the button without reading speechSynthesis, and reads it on the first press', async () => {
    let reads = 0;
    const spoken: string[] = [];
    const synth = { speak: (utterance: SpeechSynthesisUtterance) => spoken.push(utterance.text), cancel: () => {} };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      get: () => {
        reads++;
        return synth;
      },
    });
    const element = await inlineSample();
    expect(tool(element, 'read')).to.not.equal(null);
    expect(reads).to.equal(0);
    await press(element, 'read');
    expect(reads).to.be.greaterThan(0);
    expect(spoken.length).to.be.greaterThan(0);
  });
});
