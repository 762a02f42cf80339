import { expect } from '@open-wc/testing';
import { revealedTop, rowOffsets, visibleSpan, windowSpans } from '../../src/web-links/list-window.js';

/** The arithmetic of the window over a list: which rows to render, where to scroll. */
describe('the window of a long list', () => {
  // Ten rows of 40 px, one heading of 30 px at row 3: the list is 390 px high.
  const heights = [40, 40, 40, 30, 40, 40, 40, 40, 40, 40];
  const offsets = rowOffsets(heights);

  it('sums the rows into their tops and the height of the list', () => {
    expect(offsets).to.deep.equal([0, 40, 80, 120, 150, 190, 230, 270, 310, 350, 390]);
  });

  it('renders the rows that overlap the visible part and its margins', () => {
    expect(visibleSpan(offsets, 0, 100, 0)).to.deep.equal({ start: 0, end: 3 });
    expect(visibleSpan(offsets, 150, 80, 0)).to.deep.equal({ start: 4, end: 6 });
    // [110, 270): row 2 ends at 120, row 7 starts at 270.
    expect(visibleSpan(offsets, 150, 80, 40)).to.deep.equal({ start: 2, end: 7 });
    expect(visibleSpan(offsets, 1000, 100, 0)).to.deep.equal({ start: 9, end: 10 });
    expect(visibleSpan(rowOffsets([]), 0, 100, 0)).to.deep.equal({ start: 0, end: 0 });
  });

  it('the number of rows rendered depends on the visible height, not on the length of the list', () => {
    const long = rowOffsets(Array.from({ length: 100_000 }, () => 44));
    const short = rowOffsets(Array.from({ length: 1000 }, () => 44));
    // [21840, 22480): rows 496 (ends at 21868) to 510 (starts at 22440).
    expect(visibleSpan(long, 44 * 500, 320, 160)).to.deep.equal({ start: 496, end: 511 });
    expect(visibleSpan(short, 44 * 500, 320, 160)).to.deep.equal({ start: 496, end: 511 });
  });

  it('keeps the active row rendered: a span of its own when far, the visible span stretched when next to it', () => {
    expect(windowSpans({ start: 4, end: 8 }, 6)).to.deep.equal([{ start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, -1)).to.deep.equal([{ start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 8)).to.deep.equal([{ start: 4, end: 9 }]);
    expect(windowSpans({ start: 4, end: 8 }, 3)).to.deep.equal([{ start: 3, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 0)).to.deep.equal([{ start: 0, end: 1 }, { start: 4, end: 8 }]);
    expect(windowSpans({ start: 4, end: 8 }, 20)).to.deep.equal([{ start: 4, end: 8 }, { start: 20, end: 21 }]);
  });

  it('scrolls as little as it takes to show rows whole', () => {
    expect(revealedTop(offsets, 1, 1, 0, 100), 'already in view').to.equal(0);
    expect(revealedTop(offsets, 9, 9, 0, 100), 'below: its bottom at the bottom').to.equal(290);
    expect(revealedTop(offsets, 3, 4, 290, 100), 'above: the heading at the top').to.equal(120);
    expect(revealedTop(offsets, 0, 9, 100, 100), 'taller than the view: the first row wins').to.equal(0);
  });
});
