import type { English } from '../shared/i18n.js';
import type { messages } from './web-links.messages.js';

/** <egov-web-links> and its open list in English: in the on-demand part of English messages (src/shared/messages-en.ts). */
export const en: English<typeof messages> = {
  label: 'Web links',
  placeholder: '-- Choose a link --',
  toggle: 'Show the list of links',
  results: (count: string, total: number) => (total === 1 ? '1 result' : `${count} results`),
  resultsCapped: (count: string, shown: string) => `${count} results, showing the first ${shown}. Type more to narrow the list.`,
  more: (count: string, total: number) => (total === 1 ? 'and 1 more link — type to narrow the list' : `and ${count} more links — type to narrow the list`),
  noResults: 'No links found',
};
