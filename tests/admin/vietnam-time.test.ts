import { expect } from '@open-wc/testing';
import { formatVietnamTime, isoToVietnamInput, vietnamInputToIso } from '../../server/admin/src/vietnam-time.js';

const VIETNAM_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The oracle: Vietnam's wall-clock time of an instant, from the browser's own time-zone data. */
function wallClock(instant: number): string {
  const parts = VIETNAM_CLOCK.formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

describe('closing times in Vietnam time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('reads what the editor enters as Vietnam time, whatever the computer’s zone', () => {
    expect(vietnamInputToIso('2026-04-30T17:00')).to.equal('2026-04-30T17:00:00+07:00');
    expect(Date.parse(vietnamInputToIso('2026-04-30T17:00')!)).to.equal(Date.UTC(2026, 3, 30, 10, 0));
    // Just after midnight in Vietnam is still the day before in UTC.
    expect(Date.parse(vietnamInputToIso('2027-01-01T00:30')!)).to.equal(Date.UTC(2026, 11, 31, 17, 30));
    expect(vietnamInputToIso('2018-01-31T23:59:59')).to.equal('2018-01-31T23:59:59+07:00');
  });

  it('refuses dates and times that do not exist', () => {
    for (const value of ['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-04-30T24:00', '2026-04-30T10:60', '30/04/2026 17:00', '2026-04-30']) {
      expect(vietnamInputToIso(value), value).to.equal(undefined);
    }
  });

  it('shows a stored instant in Vietnam time, from any offset', () => {
    expect(isoToVietnamInput('2026-04-30T10:00:00Z')).to.equal('2026-04-30T17:00');
    expect(isoToVietnamInput('2026-04-30T17:00:00+07:00')).to.equal('2026-04-30T17:00');
    expect(isoToVietnamInput('2026-04-30T12:00:00+09:00')).to.equal('2026-04-30T10:00');
    expect(isoToVietnamInput('2018-01-31T23:59:59+07:00')).to.equal('2018-01-31T23:59:59');
    expect(isoToVietnamInput('not a date')).to.equal(undefined);
    expect(formatVietnamTime('vi', '2027-04-30T10:00:00Z')).to.equal('17:00 30/04/2027');
    expect(formatVietnamTime('en', '2027-04-30T10:00:00Z')).to.equal('30/04/2027, 17:00');
  });

  it('agrees with the time-zone database for every hour of two years, and round-trips', () => {
    const start = Date.UTC(2025, 0, 1);
    for (let hour = 0; hour < 2 * 366 * 24; hour += 1) {
      const instant = start + hour * 3_600_000 + 17 * 60_000;
      const shown = isoToVietnamInput(new Date(instant).toISOString())!;
      expect(shown, new Date(instant).toISOString()).to.equal(wallClock(instant));
      expect(Date.parse(vietnamInputToIso(shown)!)).to.equal(instant);
    }
  });
});
