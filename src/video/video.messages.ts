import { defineMessages } from '../shared/i18n.js';

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
  en: {
    untitled: 'Video',
    play: (title: string) => `Play video: ${title}`,
    playlist: 'Video list',
    captions: 'English captions',
    noVideo: 'There is no video to play.',
    badId: 'The YouTube video id is wrong; this video cannot be played.',
    failed: 'This video cannot be played.',
    openVideo: 'Open the video',
  },
});
