import { defineMessages } from '../shared/i18n.js';

// English: web-links.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    label: 'Liên kết web',
    placeholder: '-- Chọn liên kết --',
    toggle: 'Hiện danh sách liên kết',
    results: (count: string, _total: number) => `Có ${count} kết quả`,
    resultsCapped: (count: string, shown: string) => `Có ${count} kết quả, hiện ${shown} kết quả đầu. Gõ thêm để lọc.`,
    more: (count: string, _total: number) => `và ${count} liên kết khác — gõ thêm để lọc`,
    noResults: 'Không tìm thấy liên kết nào',
  },
});
