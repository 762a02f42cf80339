import type { English } from '../shared/i18n.js';
import type { messages } from './banners.messages.js';

/** <egov-banners> in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  carousel: 'Banners',
  carouselRole: 'carousel',
  slideRole: 'slide',
  slide: (position: number, total: number) => `${position} of ${total}`,
  previous: 'Previous banner',
  next: 'Next banner',
  pause: 'Stop automatic rotation',
  play: 'Start automatic rotation',
};
