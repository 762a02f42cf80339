import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../src/shared/fetch-json.js';
import { parseLinksJson, prepareLinks } from '../../src/web-links/links.js';
import { searchable } from '../../src/web-links/matching.js';

const BASE = 'https://phuluong.thainguyen.gov.vn/tin-tuc/';

describe('parseLinksJson', () => {
  it('reads label, href and an optional group', () => {
    assert.deepEqual(parseLinksJson([{ label: 'A', href: '/a', group: 'G' }, { label: 'B', href: '/b' }]), [
      { label: 'A', href: '/a', group: 'G' },
      { label: 'B', href: '/b', group: undefined },
    ]);
  });

  it('names the first thing that is wrong', () => {
    const refuses = (data: unknown, message: string) =>
      assert.throws(() => parseLinksJson(data), (error: unknown) => error instanceof ShapeError && error.message === message);
    refuses({ label: 'A' }, 'links must be an array');
    refuses([{ label: 'A', href: '/a' }, 'x'], 'links[1] must be an object');
    refuses([{ href: '/a' }], 'links[0].label must be a string');
    refuses([{ label: 'A', href: 5 }], 'links[0].href must be a string');
    refuses([{ label: 'A', href: '/a', group: 1 }], 'links[0].group must be a string');
  });
});

describe('prepareLinks', () => {
  it('orders ungrouped links first, then each group where it first appears, and numbers them', () => {
    const rejected: string[] = [];
    const links = prepareLinks(
      [
        { label: ' Bộ  Công an ', href: 'https://bocongan.gov.vn', group: 'Trung ương' },
        { label: 'Tỉnh Thái Nguyên', href: 'https://thainguyen.gov.vn', group: 'Địa phương' },
        { label: 'Xấu', href: 'javascript:alert(1)', group: 'Trung ương' },
        { label: 'Chính phủ', href: 'https://chinhphu.vn', group: ' Trung   ương ' },
        { label: 'Trang chủ', href: '/', group: '   ' },
        { label: '', href: 'https://dichvucong.gov.vn/p', group: undefined },
      ],
      BASE,
      (source) => rejected.push(source.label),
    );
    assert.deepEqual(
      links.map(({ label, href, group, index }) => [index, group, label, href]),
      [
        [0, null, 'Trang chủ', 'https://phuluong.thainguyen.gov.vn/'],
        [1, null, 'dichvucong.gov.vn', 'https://dichvucong.gov.vn/p'],
        [2, 'Trung ương', 'Bộ Công an', 'https://bocongan.gov.vn/'],
        [3, 'Trung ương', 'Chính phủ', 'https://chinhphu.vn/'],
        [4, 'Địa phương', 'Tỉnh Thái Nguyên', 'https://thainguyen.gov.vn/'],
      ],
    );
    assert.deepEqual(rejected, ['Xấu']);
    assert.equal(searchable(links)[2]!.folded.text, 'bo cong an');
  });
});
