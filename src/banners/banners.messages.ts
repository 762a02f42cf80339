import { defineMessages } from '../shared/i18n.js';

// English: banners.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    carousel: 'Quảng cáo',
    carouselRole: 'khung trình chiếu',
    slideRole: 'trang chiếu',
    slide: (position: number, total: number) => `${position} trên ${total}`,
    previous: 'Quảng cáo trước',
    next: 'Quảng cáo tiếp theo',
    pause: 'Dừng tự động chuyển',
    play: 'Tiếp tục tự động chuyển',
  },
});
