import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeHref } from '../../src/shared/safe-url.js';
import { UNSAFE_URLS } from '../support/unsafe-urls.js';

// safeHref in Node, with the page's address given as the base (Node has no document.baseURI).
const BASE = 'https://phuluong.thainguyen.gov.vn/tin-tuc/';
const PAGE = 'https://phuluong.thainguyen.gov.vn/tin-tuc/bai-viet.aspx?id=7';

describe('safeHref', () => {
  const cases: [string, string | undefined][] = [
    ['https://chinhphu.vn', 'https://chinhphu.vn/'],
    ['HTTP://Example.gov.vn/a b', 'http://example.gov.vn/a%20b'],
    ['/lien-he', 'https://phuluong.thainguyen.gov.vn/lien-he'],
    ['bai-2', 'https://phuluong.thainguyen.gov.vn/tin-tuc/bai-2'],
    ['  https://chinhphu.vn  ', 'https://chinhphu.vn/'],
    ['java\tscript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['\u0001javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['mailto:a@b.vn', undefined],
    ['file:///etc/passwd', undefined],
    ['http://[::1', undefined],
    ['   ', undefined],
    ['', undefined],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${expected ?? 'refused'}`, () => assert.equal(safeHref(raw, BASE), expected));
  }

  it('keeps http: and https: addresses, made absolute against the page', () => {
    assert.equal(safeHref('http://dichvucong.gov.vn/p/home', PAGE), 'http://dichvucong.gov.vn/p/home');
    assert.equal(safeHref('/van-ban/quyet-dinh.pdf', PAGE), 'https://phuluong.thainguyen.gov.vn/van-ban/quyet-dinh.pdf');
    assert.equal(safeHref('anh/hoi-nghi.jpg', PAGE), 'https://phuluong.thainguyen.gov.vn/tin-tuc/anh/hoi-nghi.jpg');
    assert.equal(safeHref('//snv.thainguyen.gov.vn', PAGE), 'https://snv.thainguyen.gov.vn/');
    assert.equal(safeHref('?id=8', PAGE), 'https://phuluong.thainguyen.gov.vn/tin-tuc/bai-viet.aspx?id=8');
  });

  it('reads the scheme the way the browser does: case and tabs inside it', () => {
    assert.equal(safeHref('HTTPS://CHINHPHU.VN/Tin', PAGE), 'https://chinhphu.vn/Tin');
    assert.equal(safeHref('ht\ttps://chinhphu.vn', PAGE), 'https://chinhphu.vn/');
  });

  // Expected values from Python's urllib.parse.quote and its IDNA codec.
  it('encodes a Vietnamese path and host the way a request sends them', () => {
    assert.equal(safeHref('https://thainguyen.gov.vn/Tin tức/Đà Nẵng', PAGE), 'https://thainguyen.gov.vn/Tin%20t%E1%BB%A9c/%C4%90%C3%A0%20N%E1%BA%B5ng');
    assert.equal(safeHref('https://đànẵng.vn/', PAGE), 'https://xn--nng-8ka8v493n.vn/');
  });

  for (const raw of [...UNSAFE_URLS, 'tel:02083874436', '\t\n', 'https://']) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.equal(safeHref(raw, PAGE), undefined);
    });
  }

  it('refuses a relative address against a base that is not http(s)', () => {
    assert.equal(safeHref('bai-viet.html', 'file:///C:/portal/index.html'), undefined);
    assert.equal(safeHref('bai-viet.html', 'about:blank'), undefined);
  });
});
