import type { English } from '../shared/i18n.js';
import type { messages } from './agency-footer.messages.js';

/** <egov-agency-footer> in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  address: 'Address:',
  responsible: 'Responsible for content:',
  phone: 'Phone:',
  fax: 'Fax:',
  email: 'Email:',
  copyright: (years: string, agency: string) =>
    agency ? `Copyright © ${years} ${agency}. All rights reserved.` : `Copyright © ${years}. All rights reserved.`,
};
