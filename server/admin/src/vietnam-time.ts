/**
 * Closing times as editors think of them: wall-clock time in Vietnam (`Asia/Ho_Chi_Minh`), whatever
 * the time zone of the editor's computer. Vietnam has been on UTC+7 all year, with no daylight
 * saving, since 1975, so the conversion is an exact fixed offset.
 */
import { locale, type Lang } from '../../../src/shared/i18n.js';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const OFFSET_MINUTES = 7 * 60;
const MINUTE_MS = 60_000;

/** What `<input type="datetime-local">` holds: `2026-04-30T17:00` (seconds optional). */
const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * `2026-04-30T17:00` read as Vietnam's time → `2026-04-30T17:00:00+07:00`; `undefined` for anything
 * that is not a real date and time (`2026-02-30T10:00`, `25:00`).
 */
export function vietnamInputToIso(value: string): string | undefined {
  const match = INPUT_VALUE.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const utc = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  const real =
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month! - 1 && utc.getUTCDate() === day &&
    utc.getUTCHours() === hour && utc.getUTCMinutes() === minute && utc.getUTCSeconds() === second;
  if (!real) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${pad(second)}+07:00`;
}

/** Any ISO 8601 instant → the `datetime-local` value of the same instant in Vietnam, or `undefined`. */
export function isoToVietnamInput(iso: string): string | undefined {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return undefined;
  const wall = new Date(instant + OFFSET_MINUTES * MINUTE_MS);
  const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const seconds = wall.getUTCSeconds();
  return `${date}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
}

/** An ISO 8601 instant as Vietnam's wall-clock time in the reader's language: `17:00 30/04/2026`. */
export function formatVietnamTime(lang: Lang, iso: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: VIETNAM_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
