import { defineMessages } from '../shared/i18n.js';

// English: agency-footer.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    address: 'Địa chỉ:',
    responsible: 'Chịu trách nhiệm nội dung:',
    phone: 'Điện thoại:',
    fax: 'Fax:',
    email: 'Email:',
    copyright: (years: string, agency: string) =>
      agency ? `Bản quyền © ${years} ${agency}. Bảo lưu toàn quyền.` : `Bản quyền © ${years}. Bảo lưu toàn quyền.`,
  },
});
