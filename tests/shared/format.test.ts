// The hand-written number and date formats against `Intl` (the independent oracle) over many
// values, in both languages, and the literal forms the contract names.
import { expect } from '@open-wc/testing';
import { formatDate, formatNumber, formatPercent, locale, type Lang } from '../../src/shared/i18n.js';
import { installEnglish } from '../../src/messages-en.js';

const LANGS: Lang[] = ['vi', 'en'];

/** A reproducible sequence of numbers in [0, 1). */
function* pseudoRandom(count: number, seed = 16): Generator<number> {
  let state = seed;
  for (let index = 0; index < count; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

describe('number and date formats', () => {
  // English dates are written by hand once the English messages (and months) are here, as on an English page.
  before(() => installEnglish());

  it('writes the contract’s examples', () => {
    expect(formatNumber('vi', 1234)).to.equal('1.234');
    expect(formatNumber('en', 1234)).to.equal('1,234');
    expect(formatPercent('vi', 0.364)).to.equal('36,4%');
    expect(formatPercent('en', 0.364)).to.equal('36.4%');
    expect(formatDate('vi', new Date(2018, 4, 11))).to.equal('11/05/2018');
    expect(formatDate('en', new Date(2018, 4, 11))).to.equal('11 May 2018');
  });

  for (const lang of LANGS) {
    it(`formats numbers as Intl does (${lang})`, () => {
      const reference = new Intl.NumberFormat(locale(lang));
      const values = [0, 1, 9, 10, 999, 1000, 9999, 10_000, 123_456, 1_000_000, 2 ** 53 - 1, -1, -1234, 0.5, 1234.5678, 1e21];
      for (const random of pseudoRandom(5000)) values.push(Math.floor(random * 10 ** Math.floor(random * 10 * 1.5)));
      for (const value of values) expect(formatNumber(lang, value), String(value)).to.equal(reference.format(value));
    });

    it(`formats shares as Intl does (${lang})`, () => {
      const reference = new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 });
      const ratios = [0, 1, 0.5, 0.0005, 0.1235, 0.9995, 12.3456, -0.25, 0.875, 1.125, 1.75];
      for (let total = 1; total <= 300; total += 1) for (let count = 0; count <= total; count += 7) ratios.push(count / total);
      for (const random of pseudoRandom(5000, 7)) ratios.push(random);
      for (const ratio of ratios) expect(formatPercent(lang, ratio), String(ratio)).to.equal(reference.format(ratio));
    });

    it(`formats dates as Intl does (${lang})`, () => {
      const options: Intl.DateTimeFormatOptions =
        lang === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
      const reference = new Intl.DateTimeFormat(locale(lang), options);
      const dates = [new Date(999, 11, 31), new Date(1000, 0, 1), new Date(9999, 11, 31), new Date(10_000, 0, 1), new Date('2018-05-11T08:30:00+07:00')];
      for (let day = -40_000; day < 40_000; day += 13) dates.push(new Date(2000, 0, 1 + day));
      for (const date of dates) expect(formatDate(lang, date), date.toISOString()).to.equal(reference.format(date));
    });
  }
});
