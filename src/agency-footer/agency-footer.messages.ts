import { defineMessages } from '../shared/i18n.js';

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
  en: {
    address: 'Address:',
    responsible: 'Responsible for content:',
    phone: 'Phone:',
    fax: 'Fax:',
    email: 'Email:',
    copyright: (years: string, agency: string) =>
      agency ? `Copyright © ${years} ${agency}. All rights reserved.` : `Copyright © ${years}. All rights reserved.`,
  },
});
