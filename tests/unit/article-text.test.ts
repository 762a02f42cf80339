import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords, readingMinutes } from '../../src/article-view/article-text.js';

describe('article text', () => {
  it('counts words as the runs of text between white space of any kind', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['   \n\t ', 0],
      ['Phú Lương', 2],
      ['  Đảng bộ   huyện\nPhú\tLương  ', 5],
      // No-break, ideographic and narrow no-break spaces, line and paragraph separators, BOM.
      ['5.443\u00a0đồng chí\u3000cán\u202fbộ\u2028a\u2029b\ufeffc', 8],
      ['36,4% – 63,6%;', 3],
      ['x', 1],
    ];
    assert.deepEqual(cases.map(([text]) => countWords(text)), cases.map(([, words]) => words));
  });

  it('gives whole minutes at 200 words a minute, at least one', () => {
    assert.deepEqual([0, 99, 100, 299, 300, 1140].map(readingMinutes), [1, 1, 1, 1, 2, 6]);
  });
});
