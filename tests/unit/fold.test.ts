import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold } from '../../src/web-links/fold.js';
import { matchesAll, matchRanges, queryWords } from '../../src/web-links/matching.js';

describe('fold', () => {
  it('folds case, diacritics and đ the way Vietnamese readers type', () => {
    assert.equal(fold('ĐÀ NẴNG').text, 'da nang');
    assert.equal(fold('đà nẵng').text, 'da nang');
    assert.equal(fold('Thừa Thiên Huế').text, 'thua thien hue');
    assert.equal(fold('Ðiện Biên').text, 'dien bien', 'Ð (U+00D0, eth) typed for Đ');
    assert.equal(fold('ðường').text, 'duong');
  });

  it('folds all six tones and every vowel with a hat or a horn, in either case', () => {
    assert.equal(fold('a à á ả ã ạ').text, 'a a a a a a');
    assert.equal(fold('ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ').text, 'a a a a a a a a a a a a');
    assert.equal(fold('ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ').text, 'e e e e e e o o o o o o o o o o o o');
    assert.equal(fold('ư ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ ì í ỉ ĩ ị').text, 'u u u u u u y y y y y i i i i i');
    assert.equal(fold('Ắ Ầ Ễ Ộ Ờ Ự Ỹ Đ').text, 'a a e o o u y d');
  });

  it('folds a decomposed (NFD) label to the same text as the composed one', () => {
    // Written with combining marks: U+0300 grave, U+0302 circumflex, U+0303 tilde, U+0306 breve, U+0323 dot below.
    assert.equal(fold('Nguye\u0302\u0303n Thu\u0301y Ha\u0306\u0300ng').text, 'nguyen thuy hang');
    assert.equal(fold('Đa\u0300 Na\u0306\u0303ng').text, 'da nang');
    assert.equal(fold('Quang Tri\u0323').text, 'quang tri');
    assert.equal(fold('\u0300\u0323').text, '', 'combining marks alone fold to nothing');
  });

  it('turns every white space character into one space each', () => {
    assert.equal(fold('Hà\tNội\nmới').text, 'ha noi moi');
    assert.equal(fold('a\u00a0b').text, 'a b');
  });

  it('keeps ASCII other than letters as it is', () => {
    assert.equal(fold('Cổng 1022 — TP.HCM').text, 'cong 1022 — tp.hcm');
  });

  it('remembers where each folded character came from, composed or decomposed', () => {
    assert.deepEqual(fold('Đà').origins, [0, 1]);
    const decomposed = 'Da\u0300 N';
    assert.deepEqual(fold(decomposed), { text: 'da n', origins: [0, 1, 3, 4] });
    assert.deepEqual(fold('𝒜b'), { text: '𝒜b', origins: [0, 0, 2] }, 'a character outside the BMP: two code units from one origin');
  });
});

describe('queryWords and matchesAll', () => {
  it('splits a query into folded words, ignoring extra spaces', () => {
    assert.deepEqual(queryWords('  Đà   NẴNG '), ['da', 'nang']);
    assert.deepEqual(queryWords('   '), []);
  });

  it('matches a label only when every word is in it', () => {
    const label = fold('Cổng Thông tin điện tử Chính phủ');
    assert.equal(matchesAll(label, queryWords('chinh phu')), true);
    assert.equal(matchesAll(label, queryWords('phu cong')), true);
    assert.equal(matchesAll(label, queryWords('chinh quoc')), false);
    assert.equal(matchesAll(label, []), true);
  });
});

describe('matchRanges', () => {
  const ranges = (original: string, query: string) => matchRanges(original, fold(original), queryWords(query));

  it('finds each word in the original label', () => {
    assert.deepEqual(ranges('Cổng Thông tin điện tử Chính phủ', 'chinh'), [[23, 28]]);
    assert.deepEqual(ranges('Cổng Thông tin điện tử Chính phủ', 'cong tu'), [[0, 4], [20, 22]]);
  });

  it('joins words next to each other into one range', () => {
    assert.deepEqual(ranges('Thành phố Đà Nẵng', 'da nang'), [[10, 17]]);
  });

  it('sorts ranges by where they start', () => {
    assert.deepEqual(ranges('Sở Tư pháp Hà Nội', 'noi so'), [[0, 2], [14, 17]]);
  });

  it('takes along the combining marks after a match in a decomposed label', () => {
    const decomposed = 'Ha\u0300 No\u0302\u0323i';
    assert.deepEqual(ranges(decomposed, 'ha'), [[0, 3]]);
    assert.deepEqual(ranges(decomposed, 'noi'), [[4, 9]]);
  });

  it('leaves out a word that is not there', () => {
    assert.deepEqual(ranges('Bộ Công an', 'an quoc'), [[8, 10]]);
    assert.deepEqual(ranges('Bộ Công an', 'xyz'), []);
  });
});
