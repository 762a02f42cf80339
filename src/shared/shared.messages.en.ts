import type { English, sharedMessages } from './i18n.js';

/** The messages every widget shows (`sharedMessages`, i18n.ts) in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof sharedMessages> = {
  loading: 'Loading…',
  retry: 'Try again',
  network: 'Could not reach the server. Please check your connection and try again.',
  timeout: 'The server did not answer within 10 seconds. Please try again.',
  http: (status: number) => `The server reported an error (code ${status}). Please try again later.`,
  parse: 'The data received is damaged and cannot be read.',
  shape: 'The data received is not in the expected format.',
  tooLarge: 'The data received is too large.',
  opensInNewTab: '(opens in a new tab)',
};

/** The months, January first, for English dates (`formatDate`, i18n.ts). */
export const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
