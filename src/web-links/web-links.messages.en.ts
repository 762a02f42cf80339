import type { English } from '../shared/i18n.js';
import type { messages } from './web-links.messages.js';

/** <egov-web-links> in English (its open list: web-links-list.messages.ts): in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  label: 'Web links',
  placeholder: '-- Choose a link --',
  toggle: 'Show the list of links',
};
