/**
 * A poll's results as CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark, so that
 * Excel shows Vietnamese correctly, CRLF line ends, one row per option and a total.
 */
import type { AdminPoll } from '../../storage/storage.js';

const BYTE_ORDER_MARK = '\uFEFF';

/** The languages of the CSV's own words (`?lang=`): the editor's page asks for its own. */
export type CsvLanguage = 'vi' | 'en';

/** The header, the total row's label and the locale of the shares, per language. */
const WORDS: Record<CsvLanguage, { header: string[]; total: string; locale: string }> = {
  vi: { header: ['Phương án', 'Số phiếu', 'Tỉ lệ'], total: 'Tổng số lượt bình chọn', locale: 'vi-VN' },
  en: { header: ['Option', 'Votes', 'Share'], total: 'Total votes', locale: 'en-US' },
};
/**
 * Cells starting with these are formulas to a spreadsheet (CSV injection), also behind spaces,
 * which a spreadsheet may trim on import (no-break and other Unicode spaces too).
 */
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r])/;

export function resultsCsv(poll: AdminPoll, lang: CsvLanguage = 'vi'): string {
  const words = WORDS[lang];
  const rows = [
    words.header,
    ...poll.options.map((option) => [option.label, String(option.votes), share(option.votes, poll.totalVotes, words.locale)]),
    // No share on the total: in a multiple-choice poll the options' shares add up to more than 100 %.
    [words.total, String(poll.totalVotes), ''],
  ];
  return BYTE_ORDER_MARK + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

/** `36,4%` (`36.4%` in English): the share as the widget shows it. */
function share(votes: number, total: number, locale: string): string {
  if (total === 0) return '0%';
  return `${(Math.round((votes / total) * 1000) / 10).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
}

/** Neutralises a formula with a leading `'`, then quotes when the field needs it. */
function field(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
