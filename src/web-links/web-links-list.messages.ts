import { defineMessages } from '../shared/i18n.js';

/**
 * What the open list says, in both languages: only in its on-demand part (web-links-list.ts), so
 * a reader who never opens the list downloads none of it. Its language is the widget's, already
 * resolved (Vietnamese where the English messages could not be loaded).
 */
export const messages = defineMessages({
  vi: {
    results: (count: string, _total: number) => `Có ${count} kết quả`,
    resultsCapped: (count: string, shown: string) => `Có ${count} kết quả, hiện ${shown} kết quả đầu. Gõ thêm để lọc.`,
    more: (count: string, _total: number) => `và ${count} liên kết khác — gõ thêm để lọc`,
    noResults: 'Không tìm thấy liên kết nào',
  },
  en: {
    results: (count: string, total: number) => (total === 1 ? '1 result' : `${count} results`),
    resultsCapped: (count: string, shown: string) => `${count} results, showing the first ${shown}. Type more to narrow the list.`,
    more: (count: string, total: number) => (total === 1 ? 'and 1 more link — type to narrow the list' : `and ${count} more links — type to narrow the list`),
    noResults: 'No links found',
  },
});
