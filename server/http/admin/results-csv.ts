/**
 * A poll's results as CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark, so that
 * Excel shows Vietnamese correctly, CRLF line ends, one row per option and a total.
 */
import type { AdminPoll } from '../../storage/storage.js';

const BYTE_ORDER_MARK = '\uFEFF';
const HEADER = ['Phương án', 'Số phiếu', 'Tỉ lệ'];
const TOTAL_LABEL = 'Tổng số lượt bình chọn';
/** Cells starting with these are formulas to a spreadsheet (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function resultsCsv(poll: AdminPoll): string {
  const rows = [
    HEADER,
    ...poll.options.map((option) => [option.label, String(option.votes), share(option.votes, poll.totalVotes)]),
    // No share on the total: in a multiple-choice poll the options' shares add up to more than 100 %.
    [TOTAL_LABEL, String(poll.totalVotes), ''],
  ];
  return BYTE_ORDER_MARK + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

/** `36,4%`: the share as the widget shows it, with a decimal comma. */
function share(votes: number, total: number): string {
  if (total === 0) return '0%';
  return `${(Math.round((votes / total) * 1000) / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** Neutralises a formula with a leading `'`, then quotes when the field needs it. */
function field(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
