import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_LANG, defineMessages, formatDate, formatNumber, formatPercent, locale, sharedMessages, toLang, type English, type Lang, type MessageTable } from '../../src/shared/i18n.js';
import { installEnglish } from '../../src/messages-en.js';
import { en as sharedEnglish } from '../../src/shared/shared.messages.en.js';

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
    const { http: viHttp, ...vi } = sharedMessages.vi;
    const { http: enHttp, ...en } = sharedEnglish;
    assert.deepEqual(vi, {
      loading: 'Đang tải…',
      retry: 'Thử lại',
      network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
      timeout: 'Máy chủ không phản hồi trong 10 giây. Vui lòng thử lại.',
      parse: 'Dữ liệu nhận được bị lỗi, không đọc được.',
      shape: 'Dữ liệu nhận được không đúng định dạng.',
      tooLarge: 'Dữ liệu nhận được quá lớn.',
      opensInNewTab: '(mở trong thẻ mới)',
    });
    assert.deepEqual(en, {
      loading: 'Loading…',
      retry: 'Try again',
      network: 'Could not reach the server. Please check your connection and try again.',
      timeout: 'The server did not answer within 10 seconds. Please try again.',
      parse: 'The data received is damaged and cannot be read.',
      shape: 'The data received is not in the expected format.',
      tooLarge: 'The data received is too large.',
      opensInNewTab: '(opens in a new tab)',
    });
    assert.equal(viHttp(503), 'Máy chủ báo lỗi (mã 503). Vui lòng thử lại sau.');
    assert.equal(enHttp(500), 'The server reported an error (code 500). Please try again later.');
  });

  it('gives each table Vietnamese for English until the English part is installed, then English in every table', async () => {
    // Every table of the kit, found by its file name (`*.messages.ts`), and the shared one.
    const all = readdirSync('src', { recursive: true }).map(String).filter((file) => file.endsWith('.messages.ts'));
    // The open list's table comes with the list's part, in both languages: English from the start.
    const bilingual = path.join('web-links', 'web-links-list.messages.ts');
    assert.ok(all.includes(bilingual), bilingual);
    const list: Record<Lang, MessageTable> = (await import('../../src/web-links/web-links-list.messages.js')).messages;
    assert.notEqual(list.en, list.vi);
    assert.deepEqual(Object.keys(list.en).sort(), Object.keys(list.vi).sort());
    const files = all.filter((file) => file !== bilingual);
    assert.equal(files.length, 6);
    const tables: [string, Record<Lang, MessageTable>][] = [['shared', sharedMessages]];
    for (const file of files) tables.push([file, (await import(`../../src/${file.replace(/\.ts$/, '.js')}`)).messages]);
    for (const [name, table] of tables) assert.equal(table.en, table.vi, `${name}: English before the part`);

    installEnglish();
    for (const [name, table] of tables) {
      assert.notEqual(table.en, table.vi, `${name}: no English installed`);
      assert.deepEqual(Object.keys(table.en).sort(), Object.keys(table.vi).sort(), name);
      for (const key of Object.keys(table.vi)) assert.equal(typeof table.en[key], typeof table.vi[key], `${name}: ${key}`);
    }
    assert.equal(sharedMessages.en.retry, 'Try again');
    assert.equal(defineMessages({ vi: { a: 'Thử lại' } }).en.a, 'Thử lại');
  });

  it('types English by its Vietnamese (checked by `npm run typecheck`)', () => {
    // @ts-expect-error: English without every key of the Vietnamese does not compile.
    const missing: English<typeof sharedMessages> = { loading: 'Loading…' };
    // @ts-expect-error: nor with a message the Vietnamese does not have.
    const extra: English<typeof sharedMessages> = { ...sharedEnglish, more: 'More' };
    // @ts-expect-error: nor with another signature (the status is a number).
    const signature: English<typeof sharedMessages> = { ...sharedEnglish, http: (status: string) => status };
    // At run time they are what was written: the checks that matter are the compiler's, above.
    assert.deepEqual([missing.loading, extra.retry, signature.retry], ['Loading…', 'Try again', 'Try again']);
  });
});
