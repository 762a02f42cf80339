import { defineMessages } from '../shared/i18n.js';

// English: article-view.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    published: 'Ngày đăng:',
    readingTime: (minutes: string) => `Thời gian đọc: ${minutes} phút`,
    byline: (author: string) => `Tin, bài: ${author}`,
    tools: 'Công cụ đọc bài',
    smaller: 'Giảm cỡ chữ',
    resetSize: 'Cỡ chữ mặc định',
    larger: 'Tăng cỡ chữ',
    textSize: (percent: string) => `Cỡ chữ: ${percent}`,
    print: 'In bài',
    share: 'Chia sẻ',
    copied: 'Đã sao chép liên kết',
    copyFailed: (url: string) => `Không sao chép được liên kết. Địa chỉ bài viết: ${url}`,
    readAloud: 'Đọc bài',
    stopReading: 'Dừng đọc',
    readFailed: 'Trình duyệt không đọc được bài này.',
    table: (index: number, count: number) => `Bảng${count > 1 ? ` ${index} trong số ${count}` : ''}, cuộn ngang để xem hết`,
  },
});
