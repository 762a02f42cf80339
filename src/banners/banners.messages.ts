import { defineMessages } from '../shared/i18n.js';

export const messages = defineMessages({
  vi: {
    carousel: 'Quảng cáo',
    slide: (position: number, total: number) => `${position} / ${total}`,
    previous: 'Quảng cáo trước',
    next: 'Quảng cáo tiếp theo',
    pause: 'Dừng tự động chuyển',
    play: 'Tự động chuyển',
  },
  en: {
    carousel: 'Banners',
    slide: (position: number, total: number) => `${position} of ${total}`,
    previous: 'Previous banner',
    next: 'Next banner',
    pause: 'Stop automatic rotation',
    play: 'Start automatic rotation',
  },
});
