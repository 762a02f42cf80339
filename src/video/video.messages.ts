import { defineMessages } from '../shared/i18n.js';

// English: video.messages.en.ts, in an on-demand part.
export const messages = defineMessages({
  vi: {
    untitled: 'Video',
    play: (title: string) => `Phát video: ${title}`,
    playlist: 'Danh sách video',
    captions: 'Phụ đề tiếng Việt',
    noVideo: 'Chưa có video để phát.',
    badId: 'Mã video YouTube không đúng, không phát được video này.',
    failed: 'Không phát được video này.',
    openVideo: 'Mở video',
  },
});
