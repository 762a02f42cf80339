import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeHref } from '../../src/shared/safe-url.js';

// safeHref in Node, with the page's address given as the base (Node has no document.baseURI).
const PAGE = 'https://phuluong.thainguyen.gov.vn/tin-tuc/bai-viet.aspx?id=7';

describe('safeHref', () => {
  it('keeps http: and https: addresses, made absolute', () => {
    assert.equal(safeHref('https://chinhphu.vn', PAGE), 'https://chinhphu.vn/');
    assert.equal(safeHref('http://dichvucong.gov.vn/p/home', PAGE), 'http://dichvucong.gov.vn/p/home');
    assert.equal(safeHref('/van-ban/quyet-dinh.pdf', PAGE), 'https://phuluong.thainguyen.gov.vn/van-ban/quyet-dinh.pdf');
    assert.equal(safeHref('anh/hoi-nghi.jpg', PAGE), 'https://phuluong.thainguyen.gov.vn/tin-tuc/anh/hoi-nghi.jpg');
    assert.equal(safeHref('//snv.thainguyen.gov.vn', PAGE), 'https://snv.thainguyen.gov.vn/');
    assert.equal(safeHref('?id=8', PAGE), 'https://phuluong.thainguyen.gov.vn/tin-tuc/bai-viet.aspx?id=8');
  });

  it('reads the scheme the way the browser does: case, white space and control characters', () => {
    assert.equal(safeHref('HTTPS://CHINHPHU.VN/Tin', PAGE), 'https://chinhphu.vn/Tin');
    assert.equal(safeHref('  https://chinhphu.vn  ', PAGE), 'https://chinhphu.vn/');
    assert.equal(safeHref('ht\ttps://chinhphu.vn', PAGE), 'https://chinhphu.vn/');
  });

  // Expected values from Python's urllib.parse.quote and its IDNA codec.
  it('encodes a Vietnamese path and host the way a request sends them', () => {
    assert.equal(safeHref('https://thainguyen.gov.vn/Tin tức/Đà Nẵng', PAGE), 'https://thainguyen.gov.vn/Tin%20t%E1%BB%A9c/%C4%90%C3%A0%20N%E1%BA%B5ng');
    assert.equal(safeHref('https://đànẵng.vn/', PAGE), 'https://xn--nng-8ka8v493n.vn/');
  });

  const unsafe = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'jav\r\nascript:alert(1)',
    '  javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/1',
    'ftp://example.com/',
    'mailto:bbt.phuluong@thainguyen.gov.vn',
    'tel:02083874436',
    'about:blank',
  ];
  for (const raw of unsafe) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.equal(safeHref(raw, PAGE), undefined);
    });
  }

  it('refuses what is no address at all', () => {
    assert.equal(safeHref('', PAGE), undefined);
    assert.equal(safeHref('   ', PAGE), undefined);
    assert.equal(safeHref('\t\n', PAGE), undefined);
    assert.equal(safeHref('http://[bad', PAGE), undefined);
    assert.equal(safeHref('https://', PAGE), undefined);
  });

  it('refuses a relative address against a base that is not http(s)', () => {
    assert.equal(safeHref('bai-viet.html', 'file:///C:/portal/index.html'), undefined);
    assert.equal(safeHref('bai-viet.html', 'about:blank'), undefined);
  });
});
