import { defineMessages } from '../shared/i18n.js';

// English: web-links.messages.en.ts, in an on-demand part. What the open list says: web-links-list.messages.ts.
export const messages = defineMessages({
  vi: {
    label: 'Liên kết web',
    placeholder: '-- Chọn liên kết --',
    toggle: 'Hiện danh sách liên kết',
  },
});
