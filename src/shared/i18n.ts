/**
 * Languages, message tables and locale-aware formatting shared by every widget.
 * Each widget keeps its own table next to it (`*.messages.ts`) built with `defineMessages()`, in
 * Vietnamese; its English (`*.messages.en.ts`, typed by the Vietnamese so that both always carry
 * the same keys and signatures) is an on-demand part, loaded for a widget that speaks English
 * (locale-controller.ts).
 */

import { keyword } from './keyword.js';

export type Lang = 'vi' | 'en';

export const DEFAULT_LANG: Lang = 'vi';

const LANGS: readonly Lang[] = ['vi', 'en'];

/** BCP 47 tags used with `Intl`: Vietnamese as written in Vietnam, English with day-first dates. */
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A message is plain text, or a function of the values it shows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = string | ((...args: any[]) => string);

export type MessageTable = Record<string, Message>;

/**
 * Declares a table of messages. The widgets' tables give Vietnamese only: their English
 * (`*.messages.en.ts`, typed `English<typeof messages>`) is an on-demand part (src/messages-en.ts),
 * and until it is installed `en` is the Vietnamese, so a page whose English could not be loaded
 * still reads. A table given in both languages (the editors' page) must give English exactly the
 * keys and signatures of Vietnamese.
 */
export function defineMessages<T extends MessageTable>(table: { vi: T; en?: NoInfer<T> }): Record<Lang, T> {
  return { vi: table.vi, en: table.en ?? table.vi };
}

/** A table's English: exactly the keys and signatures of its Vietnamese. */
export type English<Table extends Record<Lang, MessageTable>> = Table['vi'];

/** `vi`, `vi-VN`, `EN`, `en-US` … → `vi` | `en`; anything else → `undefined`. */
export function toLang(value: string | null | undefined): Lang | undefined {
  return keyword(value?.split(/[-_]/)[0], LANGS);
}

/**
 * The language of an element: its own `lang`, else the nearest ancestor's (crossing shadow roots),
 * else Vietnamese. An ancestor in a language the kit does not speak also gives Vietnamese.
 */
export function resolveLang(element: Element): Lang {
  let node: Element | null = element;
  while (node) {
    const value = node.getAttribute('lang');
    if (value) return toLang(value) ?? DEFAULT_LANG;
    node = node.parentElement ?? hostOf(node);
  }
  return DEFAULT_LANG;
}

function hostOf(node: Element): Element | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/**
 * Numbers and dates are written by hand for the common cases, where the result is exact and
 * simple (`1.234`, `36,4%`, `11/05/2018`, `11 May 2018`): the first `Intl` formatter of a page
 * loads locale data, a cost every reader would pay on first render. The rest (negative or
 * fractional numbers, a percentage on a rounding tie, years outside 1000–9999, English dates
 * until the English messages are here) goes to `Intl`, each formatter made once and reused.
 * tests/shared/format.test.ts checks both agree.
 */
const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** The English names of the months, January first: brought with the English messages (src/messages-en.ts). */
export const englishMonths: string[] = [];

/** `Intl.DurationFormat` (Chromium 129, Firefox 136, Safari 16.4), not yet in TypeScript's lib. */
type DurationFormat = { format(duration: { hours: number; minutes: number; seconds: number }): string };
const DurationFormat = (Intl as { DurationFormat?: new (locale: string, options: { style: 'long' }) => DurationFormat }).DurationFormat;

const intlFormatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | DurationFormat>();

function intl<T extends Intl.NumberFormat | Intl.DateTimeFormat | DurationFormat>(key: string, make: () => T): T {
  let formatter = intlFormatters.get(key);
  if (!formatter) intlFormatters.set(key, (formatter = make()));
  return formatter as T;
}

/** A whole number from 0 up, with the language's thousands separator. */
function groupDigits(lang: Lang, whole: number): string {
  return String(whole).replace(/\B(?=(?:\d{3})+$)/g, SEPARATORS[lang].group);
}

/** `1.234` in Vietnamese, `1,234` in English. */
export function formatNumber(lang: Lang, value: number): string {
  if (Number.isSafeInteger(value) && value >= 0) return groupDigits(lang, value);
  return intl(`number-${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(value);
}

/** A share of 0–1 as a percentage with at most one decimal: `36,4%` in Vietnamese. */
export function formatPercent(lang: Lang, ratio: number): string {
  const tenths = ratio * 1000;
  const rounded = Math.round(tenths);
  // On (or within float noise of) a tie, Intl's decimal rounding decides.
  const tie = Math.abs(Math.abs(tenths - Math.trunc(tenths)) - 0.5) < 1e-6;
  if (ratio >= 0 && Number.isSafeInteger(rounded) && !tie) {
    const whole = Math.floor(rounded / 10);
    const tenth = rounded % 10;
    return `${groupDigits(lang, whole)}${tenth ? SEPARATORS[lang].decimal + tenth : ''}%`;
  }
  return intl(`percent-${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1 })).format(ratio);
}

/** `2018-05-11`, or a date-time such as `2018-05-11T08:30`, `2018-05-11T08:30:00+07:00`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The moment an ISO 8601 `published` value names, or `undefined` when it is not one. A bare date
 * is that day in the reader's time zone, so `2018-05-11` is 11 May everywhere.
 */
export function parsePublished(value: string): Date | undefined {
  const trimmed = value.trim();
  const match = ISO_DATE.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number);
  const date = trimmed.length === 10 ? new Date(year!, month! - 1, day!) : new Date(trimmed);
  if (Number.isNaN(date.getTime())) return undefined;
  // `new Date(2018, 1, 31)` silently becomes 3 March; a date that rolls over was not a real date.
  if (trimmed.length === 10 && date.getDate() !== day) return undefined;
  return date;
}

/** `11/05/2018` in Vietnamese, `11 May 2018` in English (the reader's time zone). */
export function formatDate(lang: Lang, date: Date): string {
  const year = date.getFullYear();
  if (year >= 1000 && year <= 9999 && (lang === 'vi' || englishMonths.length)) {
    const day = date.getDate();
    const month = date.getMonth();
    if (lang === 'en') return `${day} ${englishMonths[month]} ${year}`;
    return `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/${year}`;
  }
  const options: Intl.DateTimeFormatOptions =
    lang === 'vi'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: 'numeric', month: 'long', year: 'numeric' };
  return intl(`date-${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], options)).format(date);
}

/** Seconds in a year: no video is longer. */
const MAX_SPOKEN_DURATION = 366 * 24 * 3600;

/**
 * A duration in seconds as a clock, `3:25` (`1:02:05` past an hour), and in words where the
 * browser can say them, `3 phút, 25 giây`: a screen reader reads the clock as a time of day.
 */
export function formatDuration(lang: Lang, total: number): { clock: string; words?: string } {
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor(total / 60) % 60;
  const seconds = total % 60;
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  return {
    clock: hours ? `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}` : `${minutes}:${twoDigits(seconds)}`,
    // Past a year (a playlist's mistake), Intl.DurationFormat may throw: the clock is read then.
    words:
      DurationFormat && total && total < MAX_SPOKEN_DURATION
        ? intl(`duration-${lang}`, () => new DurationFormat(LOCALES[lang], { style: 'long' })).format({ hours, minutes, seconds })
        : undefined,
  };
}

/** Messages every widget shows: loading, remote failures and retry. English: shared.messages.en.ts, in an on-demand part. */
export const sharedMessages = defineMessages({
  vi: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    timeout: 'Máy chủ không phản hồi trong 10 giây. Vui lòng thử lại.',
    http: (status: number) => `Máy chủ báo lỗi (mã ${status}). Vui lòng thử lại sau.`,
    parse: 'Dữ liệu nhận được bị lỗi, không đọc được.',
    shape: 'Dữ liệu nhận được không đúng định dạng.',
    tooLarge: 'Dữ liệu nhận được quá lớn.',
    opensInNewTab: '(mở trong thẻ mới)',
  },
});
