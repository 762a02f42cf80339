import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyrightYears, dialablePhone, mailAddress } from '../../src/agency-footer/contact.js';

describe('dialablePhone', () => {
  const cases: [string, string | undefined][] = [
    ['02083874436', '02083874436'],
    ['0208 3874 436', '02083874436'],
    ['(0208) 387.4436', '02083874436'],
    ['  0912-345-678  ', '0912345678'],
    ['+84 208 387 4436', '+842083874436'],
    ['+1 202 555 0100', '+12025550100'],
    ['1900 1234', '19001234'],
    ['1800 123456', '1800123456'],
    ['091234567', undefined],
    ['091234567890', undefined],
    ['+0 208 387 4436', undefined],
    ['+8412345', undefined],
    ['+84 1234 5678 9012 34', undefined],
    ['+84 1234 5678 9012 3', '+841234567890123'],
    ['1700 1234', undefined],
    ['1900 123', undefined],
    ['1900 1234567', undefined],
    ['gọi 123', undefined],
    ['javascript:alert(1)', undefined],
    ['0208387443a', undefined],
    ['x02083874436', undefined],
    ['số +84 208 387 4436', undefined],
    ['số 1900 1234', undefined],
    ['', undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected ?? 'not a phone'}`, () => assert.equal(dialablePhone(value), expected));
  }
});

describe('mailAddress', () => {
  const cases: [string, string | undefined][] = [
    ['bbt.phuluong@thainguyen.gov.vn', 'bbt.phuluong@thainguyen.gov.vn'],
    ['  vanthu@example.gov.vn ', 'vanthu@example.gov.vn'],
    ["o'neil+tin_tuc@a-b.vn", "o'neil+tin_tuc@a-b.vn"],
    ['x@a.b.vn', 'x@a.b.vn'],
    ['bbt.phuluong@', undefined],
    ['@thainguyen.gov.vn', undefined],
    ['bbt@localhost', undefined],
    ['bbt@-thainguyen.gov.vn', undefined],
    ['bbt@thainguyen-.gov.vn', undefined],
    ['bbt phuluong@thainguyen.gov.vn', undefined],
    ['javascript:alert(1)//@x.vn', undefined],
    ['x@y.vn<script>', undefined],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.vn`, undefined],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.vn`, `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.vn`],
    [`a@${'b'.repeat(64)}.vn`, undefined],
    ['', undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value.slice(0, 40))} → ${expected === undefined ? 'not an email' : 'kept'}`, () => assert.equal(mailAddress(value), expected));
  }
});

describe('copyrightYears', () => {
  it('spans from the start year to this year', () => assert.equal(copyrightYears('2015', 2026), '2015–2026'));
  it('is this year alone for a start this year, later, or unusable', () => {
    assert.equal(copyrightYears('2026', 2026), '2026');
    assert.equal(copyrightYears('2030', 2026), '2026');
    assert.equal(copyrightYears('', 2026), '2026');
    assert.equal(copyrightYears('năm 2015', 2026), '2026');
    assert.equal(copyrightYears('2015.5', 2026), '2026');
    assert.equal(copyrightYears('1899', 2026), '2026');
  });
  it('accepts 1900 and white space around the year', () => {
    assert.equal(copyrightYears('1900', 2026), '1900–2026');
    assert.equal(copyrightYears(' 2015 ', 2026), '2015–2026');
  });
});
