// The live region's `follow`: a state (the number of links found) is said once the widget has not
// changed for SETTLE_MS: while a reader types, at the pause, even where the count stays the same.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { LiveRegion, SETTLE_MS } from '../../src/shared/live-region.js';
import { visibleText } from '../support/helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A region rendered into a box at each update its host is asked for. */
function regionInBox() {
  const box = document.createElement('div');
  document.body.append(box);
  const host = {
    updateComplete: Promise.resolve(true),
    requestUpdate: () => render(region.render(), box),
    addController() {},
    removeController() {},
  };
  const region = new LiveRegion(host);
  host.requestUpdate();
  return { region, said: () => visibleText(box), remove: () => box.remove() };
}

describe('LiveRegion follow', () => {
  it('says a state once updates pause, each update putting it off, even with the same words', async () => {
    const { region, said, remove } = regionInBox();
    region.follow('Có 3 kết quả');
    await sleep(SETTLE_MS * 0.6);
    // The reader typed another letter: the count is the same, the typing goes on.
    expect(said()).to.equal('');
    region.follow('Có 3 kết quả');
    const typed = performance.now();
    // Timers may fire late on a busy machine, never early: measured from the last update.
    while (said() === '' && performance.now() - typed < 5000) await sleep(10);
    const heardAfter = performance.now() - typed;
    expect(said()).to.equal('Có 3 kết quả');
    expect(heardAfter).to.be.at.least(SETTLE_MS - 5);
    // Said: the same state again says nothing more.
    let changes = 0;
    const watch = new MutationObserver(() => changes++);
    watch.observe(document.body, { subtree: true, childList: true, characterData: true });
    region.follow('Có 3 kết quả');
    await sleep(SETTLE_MS * 1.2);
    watch.disconnect();
    expect(changes).to.equal(0);
    expect(said()).to.equal('Có 3 kết quả');
    remove();
  });
});
