import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LANG, defineMessages, formatDate, formatNumber, formatPercent, locale, sharedMessages, toLang } from '../../src/shared/i18n.js';

describe('i18n', () => {
  it('reads a language tag as vi or en, anything else as unknown', () => {
    const cases: [string | null | undefined, string | undefined][] = [
      ['vi', 'vi'], ['vi-VN', 'vi'], [' VI_vn ', 'vi'], ['EN', 'en'], ['en-US', 'en'], ['en_GB', 'en'],
      ['fr', undefined], ['', undefined], [null, undefined], [undefined, undefined], ['vie', undefined], ['-vi', undefined],
    ];
    assert.deepEqual(cases.map(([value]) => toLang(value)), cases.map(([, expected]) => expected));
    assert.equal(DEFAULT_LANG, 'vi');
  });

  it('formats numbers, shares and dates as each language writes them', () => {
    assert.deepEqual([locale('vi'), locale('en')], ['vi-VN', 'en-GB']);
    assert.deepEqual([formatNumber('vi', 1234567), formatNumber('en', 1234567)], ['1.234.567', '1,234,567']);
    assert.deepEqual([formatPercent('vi', 4 / 11), formatPercent('en', 4 / 11)], ['36,4%', '36.4%']);
    assert.deepEqual([formatPercent('vi', 0.5), formatPercent('vi', 1)], ['50%', '100%']);
    const date = new Date(2018, 4, 11, 9, 30);
    assert.deepEqual([formatDate('vi', date), formatDate('en', date)], ['11/05/2018', '11 May 2018']);
  });

  it('has every shared message in both languages, the Vietnamese with its diacritics', () => {
    const table = defineMessages({ vi: { a: 'Thử lại' }, en: { a: 'Try again' } });
    assert.deepEqual(table, { vi: { a: 'Thử lại' }, en: { a: 'Try again' } });
    assert.deepEqual(Object.keys(sharedMessages.en), Object.keys(sharedMessages.vi));
    assert.equal(sharedMessages.vi.timeout, 'Máy chủ không phản hồi sau 10 giây. Vui lòng thử lại.');
    assert.equal(sharedMessages.vi.http(503), 'Máy chủ báo lỗi (mã 503). Vui lòng thử lại sau.');
    assert.equal(sharedMessages.en.http(500), 'The server reported an error (code 500). Please try again later.');
  });
});
