// One formatter reused: where `Intl` does earn its cost (a year outside 1000–9999, a negative or
// fractional number, a percentage on a rounding tie), each language and kind gets one formatter
// for the page, however many rows ask. Counted by wrapping the constructors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { formatDate, formatNumber, formatPercent } from '../../src/shared/i18n.js';

describe('i18n formatters', () => {
  const made: string[] = [];
  const originals = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };

  beforeEach(() => {
    made.length = 0;
    for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
      (Intl as unknown as Record<string, unknown>)[name] = new Proxy(originals[name], {
        construct(target, args) {
          made.push(`${name} ${String(args[0])}`);
          return Reflect.construct(target, args);
        },
      });
    }
  });

  afterEach(() => Object.assign(Intl, originals));

  it('makes none for the common cases', () => {
    for (let row = 0; row < 100; row++) {
      formatNumber('vi', row * 1000);
      formatPercent('en', row / 300);
      formatDate('vi', new Date(2018, 4, 1 + (row % 28)));
    }
    assert.deepEqual(made, []);
  });

  it('makes one per language and kind for the rest, reused by every later row', () => {
    for (let row = 0; row < 100; row++) {
      formatNumber('vi', -row - 0.5);
      formatNumber('en', -row - 0.5);
      formatDate('en', new Date(10_000 + row, 0, 1));
    }
    // This file runs in a process of its own, and the test above made none: these are the first.
    assert.deepEqual(made, ['NumberFormat vi-VN', 'NumberFormat en-GB', 'DateTimeFormat en-GB']);
    assert.equal(formatNumber('vi', -1.5), '-1,5');
  });
});
